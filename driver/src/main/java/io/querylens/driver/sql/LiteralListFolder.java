package io.querylens.driver.sql;

/**
 * Folds lists whose length is data, not query structure: {@code IN (?, ?, …)} of any length becomes {@code in (?)}
 * (MySQL digests' {@code IN (...)} too), and multi-row {@code VALUES (…), (…)} of only literals and markers keeps its
 * first row. Sits between the token normaliser and the {@link NormalisedTextWriter}.
 *
 * <p>Withheld tokens are only {@code ?}, {@code ,} and the parentheses of a row, so instead of buffering them the
 * folder counts them and writes them back from the counts when a list turns out not to fold ({@code IN (?, a)},
 * {@code VALUES (?, ?), (now(), ?)}). Each token is withheld and re-written at most once: linear time, no buffer.
 *
 * <p>A VALUES row after the first folds only when the first row is all literals and the row has the same width.
 */
final class LiteralListFolder {
    static final int LITERAL = 0;
    static final int OPEN_PAREN = 1;
    static final int CLOSE_PAREN = 2;
    static final int COMMA = 3;
    static final int WORD_IN = 4;
    static final int WORD_VALUES = 5;
    static final int ELLIPSIS = 6;
    static final int ANY_OTHER = 7;

    private static final int IDLE = 0;
    private static final int EXPECT_OPEN = 1;
    private static final int IN_LIST = 2;
    private static final int IN_ROW = 3;
    private static final int AFTER_ROW = 4;

    private final NormalisedTextWriter out;

    private int inState = IDLE;
    private int inItems;
    private boolean inTrailingComma;
    private boolean foldedInList;

    private int valuesState = IDLE;
    private int rows;
    private int rowNesting;
    private int rowItems;
    private boolean rowTrailingComma;
    private boolean rowLiteralOnly;
    private boolean firstRowLiteralOnly;
    private int firstRowItems;
    private boolean withholdingRow;
    private boolean withheldRowComma;
    private boolean multiRowValues;
    private long rewrittenTokens;

    LiteralListFolder(NormalisedTextWriter out) {
        this.out = out;
    }

    void accept(int code, CharSequence source, int start, int end, int style) {
        if (acceptInValues(code) || acceptInInList(code)) {
            return;
        }
        out.write(source, start, end, style);
    }

    /** Writes out whatever is still withheld when the text ends inside a list. */
    void finish() {
        flushRow();
        flushInList();
    }

    boolean foldedInList() {
        return foldedInList;
    }

    boolean multiRowValues() {
        return multiRowValues;
    }

    /** Tokens withheld and then written after all: part of the work measure. */
    long rewrittenTokens() {
        return rewrittenTokens;
    }

    /** Returns true when the token is withheld (or dropped with its folded row). */
    private boolean acceptInValues(int code) {
        switch (valuesState) {
            case IDLE:
                if (code == WORD_VALUES) {
                    valuesState = EXPECT_OPEN;
                    rows = 0;
                }
                return false;
            case EXPECT_OPEN:
                if (code != OPEN_PAREN) {
                    flushRowComma();
                    valuesState = code == WORD_VALUES ? EXPECT_OPEN : IDLE;
                    return false;
                }
                startRow();
                return withholdingRow;
            case IN_ROW:
                return acceptInRow(code);
            case AFTER_ROW:
                if (code == COMMA) {
                    valuesState = EXPECT_OPEN;
                    withheldRowComma = firstRowLiteralOnly;
                    return withheldRowComma;
                }
                valuesState = code == WORD_VALUES ? EXPECT_OPEN : IDLE;
                rows = 0;
                return false;
            default:
                return false;
        }
    }

    private void startRow() {
        rows++;
        if (rows == 2) {
            multiRowValues = true;
        }
        valuesState = IN_ROW;
        rowNesting = 0;
        rowItems = 0;
        rowTrailingComma = false;
        rowLiteralOnly = true;
        withholdingRow = rows > 1 && firstRowLiteralOnly;
    }

    private boolean acceptInRow(int code) {
        if (rowNesting > 0) {
            if (code == OPEN_PAREN) {
                rowNesting++;
            } else if (code == CLOSE_PAREN) {
                rowNesting--;
            }
            return false;
        }
        switch (code) {
            case LITERAL:
            case ELLIPSIS:
                if (rowItems == 0 || rowTrailingComma) {
                    rowItems++;
                    rowTrailingComma = false;
                    return withholdingRow;
                }
                break;
            case COMMA:
                if (rowItems > 0 && !rowTrailingComma) {
                    rowTrailingComma = true;
                    return withholdingRow;
                }
                break;
            case CLOSE_PAREN:
                return closeRow();
            case OPEN_PAREN:
                rowNesting = 1;
                break;
            default:
                break;
        }
        rowLiteralOnly = false;
        flushRow();
        return false;
    }

    private boolean closeRow() {
        valuesState = AFTER_ROW;
        boolean complete = rowLiteralOnly && rowItems > 0 && !rowTrailingComma;
        if (rows == 1) {
            firstRowLiteralOnly = complete;
            firstRowItems = rowItems;
            return false;
        }
        if (withholdingRow && complete && rowItems == firstRowItems) {
            withholdingRow = false;
            withheldRowComma = false;
            return true;
        }
        flushRow();
        return false;
    }

    private boolean acceptInInList(int code) {
        switch (inState) {
            case IDLE:
                if (code == WORD_IN) {
                    inState = EXPECT_OPEN;
                }
                return false;
            case EXPECT_OPEN:
                if (code == OPEN_PAREN) {
                    inState = IN_LIST;
                    inItems = 0;
                    inTrailingComma = false;
                } else if (code != WORD_IN) {
                    inState = IDLE;
                }
                return false;
            case IN_LIST:
                if ((code == LITERAL || code == ELLIPSIS) && (inItems == 0 || inTrailingComma)) {
                    inItems++;
                    inTrailingComma = false;
                    return true;
                }
                if (code == COMMA && inItems > 0 && !inTrailingComma) {
                    inTrailingComma = true;
                    return true;
                }
                if (code == CLOSE_PAREN && inItems > 0 && !inTrailingComma) {
                    out.write("?", 0);
                    foldedInList = true;
                    inState = IDLE;
                    return false;
                }
                flushInList();
                return acceptInInList(code);
            default:
                return false;
        }
    }

    private void flushRowComma() {
        if (withheldRowComma) {
            withheldRowComma = false;
            rewrittenTokens++;
            out.write(",", NormalisedTextWriter.NO_SPACE_BEFORE);
        }
    }

    private void flushRow() {
        if (!withholdingRow) {
            flushRowComma();
            return;
        }
        withholdingRow = false;
        flushRowComma();
        rewrittenTokens++;
        out.write("(", NormalisedTextWriter.NO_SPACE_AFTER);
        writeItems(rowItems, rowTrailingComma);
    }

    private void flushInList() {
        if (inState != IN_LIST) {
            return;
        }
        inState = IDLE;
        writeItems(inItems, inTrailingComma);
    }

    private void writeItems(int items, boolean trailingComma) {
        for (int i = 0; i < items; i++) {
            if (i > 0) {
                out.write(",", NormalisedTextWriter.NO_SPACE_BEFORE);
            }
            out.write("?", 0);
        }
        if (trailingComma) {
            out.write(",", NormalisedTextWriter.NO_SPACE_BEFORE);
        }
        rewrittenTokens += 2L * items;
    }
}
