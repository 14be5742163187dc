package io.querylens.driver.sql;

import java.util.List;

/**
 * Turns statement text into its {@link QueryShape}. The engine calls {@link #fingerprint} once per prepared statement
 * and once per plain-statement cache miss, on the application's thread.
 *
 * <p>Why hand-written: JSqlParser costs ~60 µs to ~1 ms per parse, allocates heavily and throws on dialect corners;
 * the {@link SqlLexer} pass behind this class costs about a microsecond, is linear in the text's length and cannot
 * fail. JSqlParser runs only in background detectors. See {@link SqlLexer} for the lexical rules,
 * {@link NormalisedTextWriter} for the spacing rule and the text cap, {@link LiteralListFolder} for IN and VALUES
 * folding, {@link StatementClassifier} for the kind, and {@link ShapeHash} for the id's wire format.
 *
 * <p>A multi-statement string ({@code a; b}) is one shape covering the whole text, its kind taken from the first
 * statement; {@link #splitStatements} gives the statements one by one for the DDL linter.
 */
public final class Fingerprinter {
    private Fingerprinter() {
    }

    /** Never throws and never takes more than linear time; {@code null} gives an empty text of kind OTHER. */
    public static QueryShape fingerprint(String sql, Dialect dialect) {
        try {
            return new ShapeBuilder(sql, dialect).build();
        } catch (RuntimeException unexpected) {
            // The lexer is total by construction; this is the last guard that keeps a bug of ours out of the
            // application's statement. The shape is then keyed by the raw text, so statements still stay apart.
            String text = sql == null ? "" : sql;
            return new QueryShape(ShapeHash.of(text), text.length() > NormalisedTextWriter.MAX_TEXT_CHARS
                    ? text.substring(0, NormalisedTextWriter.MAX_TEXT_CHARS) + NormalisedTextWriter.TRUNCATION_MARK
                    : text, StatementKind.OTHER, null);
        }
    }

    /**
     * The statements of a {@code ;}-separated string, each as written (comments kept, surrounding whitespace and the
     * separating semicolons removed); pieces holding only comments or nothing are dropped. Semicolons inside quotes,
     * comments and dollar quotes do not split. PostgreSQL {@code BEGIN ATOMIC … END} bodies are not recognised.
     */
    public static List<String> splitStatements(String sql, Dialect dialect) {
        return StatementSplitter.split(sql, dialect);
    }

    /** The work a fingerprint costs, in lexer steps and chars written: what the linear-time tests bound. */
    static long stepsToFingerprint(String sql, Dialect dialect) {
        ShapeBuilder builder = new ShapeBuilder(sql, dialect);
        builder.build();
        return builder.steps();
    }
}
