package io.querylens.driver.sql;

/** What a {@link SqlLexer} token is. Whitespace is never a token; comments are, so callers can read them. */
public enum TokenType {
    /** An unquoted keyword or identifier; compared and normalised in lower case. */
    WORD,
    /** {@code "…"} (PostgreSQL, generic), {@code `…`} (MySQL) or {@code U&"…"}. */
    QUOTED_IDENTIFIER,
    /**
     * Any quoted literal: {@code '…'}, {@code E'…'}, {@code U&'…'}, {@code N'…'}, {@code B'…'}, {@code X'…'},
     * PostgreSQL {@code $$…$$} and {@code $tag$…$tag$}, MySQL {@code "…"} and {@code _utf8mb4'…'}.
     */
    STRING,
    /** {@code 42}, {@code 1.5e-3}, {@code .5}, {@code 0xFF}, {@code 0b01}, {@code 1_000}. */
    NUMBER,
    /** JDBC {@code ?}, PostgreSQL and generic {@code $1}. */
    BIND_MARKER,
    /** A run of operator characters ({@code =}, {@code <>}, {@code ->>}, {@code ?|}), or {@code ::} and {@code :=}. */
    OPERATOR,
    /** {@code ( ) [ ] { } , ; . :} and MySQL digests' {@code ...}. */
    PUNCTUATION,
    /** {@code -- …}, {@code /* … *}{@code /}, MySQL {@code # …}. */
    COMMENT,
    /** A character no rule claims (control characters, lone surrogates, stray symbols): kept as written. */
    OTHER
}
