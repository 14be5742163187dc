package io.querylens.driver.sql;

/**
 * Decides a statement's {@link StatementKind} from its leading keywords, fed one token at a time while the
 * fingerprinter lexes, so classification costs no second pass. Leading {@code (} and the JDBC escape's
 * {@code {}, {@code ?} and {@code =} are skipped; for {@code WITH}, the first statement keyword at the WITH's own
 * parenthesis depth decides. Only the first statement of a multi-statement string counts.
 */
final class StatementClassifier {
    private static final int START = 0;
    private static final int AFTER_CREATE = 1;
    private static final int AFTER_DROP = 2;
    private static final int AFTER_COMMENT = 3;
    private static final int IN_VACUUM = 4;
    private static final int AFTER_VACUUM_FULL = 5;
    private static final int IN_WITH = 6;
    private static final int DECIDED = 7;

    private int state = START;
    private StatementKind kind = StatementKind.OTHER;
    private int depth;
    private int withDepth;

    /** Feeds the lexer's current token (never a comment). */
    void accept(SqlLexer token) {
        if (state == DECIDED) {
            return;
        }
        if (token.isPunctuation(';')) {
            endOfStatement();
            return;
        }
        if (token.isPunctuation('(')) {
            depth++;
        } else if (token.isPunctuation(')')) {
            depth--;
        }
        switch (state) {
            case START:
                acceptFirst(token);
                break;
            case AFTER_CREATE:
                if (!(token.isWord("or") || token.isWord("replace") || token.isWord("local")
                        || token.isWord("global"))) {
                    decide(token.isWord("temp") || token.isWord("temporary") ? StatementKind.OTHER : StatementKind.DDL);
                }
                break;
            case AFTER_DROP:
                decide(token.isWord("temporary") ? StatementKind.OTHER : StatementKind.DDL);
                break;
            case AFTER_COMMENT:
                decide(token.isWord("on") ? StatementKind.DDL : StatementKind.OTHER);
                break;
            case IN_VACUUM:
                if (token.isWord("full")) {
                    state = AFTER_VACUUM_FULL;
                }
                break;
            case AFTER_VACUUM_FULL:
                // VACUUM (FULL false) and (FULL off) switch the rewrite off again.
                if (token.isWord("false") || token.isWord("off")
                        || (token.type() == TokenType.NUMBER && token.end() - token.start() == 1
                        && token.sql().charAt(token.start()) == '0')) {
                    state = IN_VACUUM;
                } else {
                    decide(StatementKind.DDL);
                }
                break;
            case IN_WITH:
                if (depth == withDepth) {
                    acceptAfterWith(token);
                }
                break;
            default:
                break;
        }
    }

    /** The end of the first statement (a {@code ;} or the end of the text) settles what is still open. */
    void endOfStatement() {
        if (state == AFTER_CREATE || state == AFTER_DROP || state == AFTER_VACUUM_FULL) {
            kind = StatementKind.DDL;
        }
        state = DECIDED;
    }

    StatementKind kind() {
        return kind;
    }

    /** Ready for the next statement of a multi-statement text. */
    void reset() {
        state = START;
        kind = StatementKind.OTHER;
        depth = 0;
        withDepth = 0;
    }

    private void acceptFirst(SqlLexer token) {
        // Literals are skipped like bind markers: the shape text turns them into '?', and a text must classify the
        // same as its shape (the fingerprint is idempotent; jqwik found "select ; 1drop table x" classified apart).
        if (token.isPunctuation('(') || token.isPunctuation('{') || token.type() == TokenType.BIND_MARKER
                || token.type() == TokenType.NUMBER || token.type() == TokenType.STRING || token.isOperator("=")) {
            return;
        }
        if (token.type() != TokenType.WORD) {
            decide(StatementKind.OTHER);
        } else if (token.isWord("select") || token.isWord("values") || token.isWord("table")
                || token.isWord("show")) {
            decide(StatementKind.SELECT);
        } else if (token.isWord("insert")) {
            decide(StatementKind.INSERT);
        } else if (token.isWord("update")) {
            decide(StatementKind.UPDATE);
        } else if (token.isWord("delete")) {
            decide(StatementKind.DELETE);
        } else if (token.isWord("merge") || token.isWord("replace") || token.isWord("upsert")) {
            decide(StatementKind.OTHER_WRITE);
        } else if (token.isWord("call")) {
            decide(StatementKind.CALL);
        } else if (token.isWord("alter") || token.isWord("truncate") || token.isWord("rename")
                || token.isWord("grant") || token.isWord("revoke") || token.isWord("cluster")) {
            decide(StatementKind.DDL);
        } else if (token.isWord("with")) {
            state = IN_WITH;
            withDepth = depth;
        } else if (token.isWord("create")) {
            state = AFTER_CREATE;
        } else if (token.isWord("drop")) {
            state = AFTER_DROP;
        } else if (token.isWord("comment")) {
            state = AFTER_COMMENT;
        } else if (token.isWord("vacuum")) {
            state = IN_VACUUM;
        } else {
            decide(StatementKind.OTHER);
        }
    }

    private void acceptAfterWith(SqlLexer token) {
        if (token.isWord("select") || token.isWord("values") || token.isWord("table")) {
            decide(StatementKind.SELECT);
        } else if (token.isWord("insert")) {
            decide(StatementKind.INSERT);
        } else if (token.isWord("update")) {
            decide(StatementKind.UPDATE);
        } else if (token.isWord("delete")) {
            decide(StatementKind.DELETE);
        } else if (token.isWord("merge")) {
            decide(StatementKind.OTHER_WRITE);
        }
    }

    private void decide(StatementKind decided) {
        kind = decided;
        state = DECIDED;
    }
}
