package io.querylens.driver.sql;

/**
 * Joins normalised tokens with the canonical spacing and feeds every char to the {@link ShapeHash}.
 *
 * <p>The spacing rule: one space between tokens, except none after {@code (}, {@code [}, {@code {}, {@code .} and
 * {@code ::}, and none before {@code )}, {@code ]}, {@code }}, {@code ,}, {@code ;}, {@code .} and {@code ::}. It
 * depends only on the tokens, never on the original spacing, so {@code id=?} and {@code id = ?} are one shape; and
 * {@code count(*)} is written {@code count (*)}, as is every {@code (} after a word, because telling a function
 * call from a keyword would need a keyword list.
 *
 * <p>The stored text is capped at {@value #MAX_TEXT_CHARS} chars and then ends in {@code " …"}; the hash covers the
 * whole stream, so two long statements that differ only past the cap still get different ids.
 */
final class NormalisedTextWriter {
    static final int MAX_TEXT_CHARS = 32 * 1024;
    static final String TRUNCATION_MARK = " \u2026";
    static final int NO_SPACE_BEFORE = 1;
    static final int NO_SPACE_AFTER = 2;
    static final int LOWER_CASE = 4;

    private final StringBuilder text;
    private final ShapeHash hash = new ShapeHash();
    private boolean spaceSuppressed = true;
    private boolean truncated;
    private long charsWritten;

    NormalisedTextWriter(int expectedChars) {
        text = new StringBuilder(Math.min(Math.max(expectedChars, 16), MAX_TEXT_CHARS + 1));
    }

    /** Writes {@code source[start, end)} as one token; {@code style} combines the constants above. */
    void write(CharSequence source, int start, int end, int style) {
        if (!spaceSuppressed && (style & NO_SPACE_BEFORE) == 0) {
            put(' ');
        }
        boolean lowerCase = (style & LOWER_CASE) != 0;
        for (int i = start; i < end; i++) {
            char c = source.charAt(i);
            put(lowerCase ? toLowerCase(c) : c);
        }
        spaceSuppressed = (style & NO_SPACE_AFTER) != 0;
    }

    void write(String token, int style) {
        write(token, 0, token.length(), style);
    }

    boolean isEmpty() {
        return charsWritten == 0;
    }

    long charsWritten() {
        return charsWritten;
    }

    boolean truncated() {
        return truncated;
    }

    String text() {
        return truncated ? text + TRUNCATION_MARK : text.toString();
    }

    long id() {
        return hash.value();
    }

    private void put(char c) {
        charsWritten++;
        hash.add(c);
        if (text.length() < MAX_TEXT_CHARS) {
            text.append(c);
        } else {
            truncated = true;
        }
    }

    private static char toLowerCase(char c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return Character.toLowerCase(c);
    }
}
