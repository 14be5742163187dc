package io.querylens.driver.sql;

import java.util.Arrays;

/**
 * A statement with its literals, bind markers, comments and spacing normalised away: every execution of "the same
 * query" has one shape. Immutable and shared across threads; made once per prepared statement, or once per distinct
 * text through {@link ShapeCache}.
 */
public final class QueryShape {
    private static final String[] NO_ALLOWED_KINDS = new String[0];

    private final long id;
    private final String text;
    private final StatementKind kind;
    private final String[] allowedFindingKinds;

    /**
     * @param id                  stable 64-bit hash of {@code text}
     * @param text                the normalised statement, e.g. {@code select * from users where id = ?}
     * @param kind                what the statement does
     * @param allowedFindingKinds finding kinds excused by {@code querylens:allow <kind>} comments in the original
     *                            text (comments are stripped from {@code text}, so they are kept here)
     */
    public QueryShape(long id, String text, StatementKind kind, String[] allowedFindingKinds) {
        this.id = id;
        this.text = text;
        this.kind = kind;
        this.allowedFindingKinds = allowedFindingKinds == null || allowedFindingKinds.length == 0
                ? NO_ALLOWED_KINDS
                : allowedFindingKinds.clone();
    }

    public long id() {
        return id;
    }

    /** The id as 16 lowercase hex digits: the {@code fingerprint} field of findings and metrics. */
    public String hexId() {
        return toHex(id);
    }

    public String text() {
        return text;
    }

    public StatementKind kind() {
        return kind;
    }

    /** True when the statement carries a {@code querylens:allow <findingKind>} comment. */
    public boolean allows(String findingKind) {
        for (String allowed : allowedFindingKinds) {
            if (allowed.equals(findingKind)) {
                return true;
            }
        }
        return false;
    }

    public String[] allowedFindingKinds() {
        return allowedFindingKinds.clone();
    }

    public static String toHex(long id) {
        String hex = Long.toHexString(id);
        return hex.length() == 16 ? hex : "0".repeat(16 - hex.length()) + hex;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QueryShape that && that.id == id && that.text.equals(text);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return hexId() + " " + kind + " " + text
                + (allowedFindingKinds.length == 0 ? "" : " allow=" + Arrays.toString(allowedFindingKinds));
    }
}
