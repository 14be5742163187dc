package io.querylens.driver.sql;

/**
 * One token of a statement, for background readers such as the DDL linter. {@code text} is normalised: words in
 * lower case, quoted identifiers as the bare name (quotes removed, doubled quotes undone, case kept), bind markers as
 * {@code ?}; literals, operators, punctuation and comments as written. {@code start} and {@code end} are offsets into
 * the original string ({@code end} exclusive), so {@code sql.substring(start, end)} gives the token as written.
 */
public record SqlToken(TokenType type, String text, int start, int end) {
}
