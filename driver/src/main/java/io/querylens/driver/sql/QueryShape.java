package io.querylens.driver.sql;

import java.util.Arrays;

/**
 * A statement with its literals, bind markers, comments and spacing normalised away: every execution of "the same
 * query" has one shape. Immutable and shared across threads; made once per prepared statement, or once per distinct
 * text on a plain statement, by {@link Fingerprinter}. Besides the text it carries the few facts the N+1 detector
 * reads per execution (paging, marker count, multi-row VALUES, IN lists), computed once while lexing.
 */
public final class QueryShape {
    static final int PAGED = 1;
    static final int MULTI_ROW_VALUES = 2;
    static final int IN_LIST = 4;
    static final int TEXT_TRUNCATED = 8;
    static final int LATER_DDL = 16;
    private static final String[] NO_ALLOWED_KINDS = new String[0];

    private final long id;
    private final String text;
    private final StatementKind kind;
    private final String[] allowedFindingKinds;
    /** As given to the constructor, so that {@link #withoutAllowedKinds()} keeps every fact, present or future. */
    private final int flags;
    private final boolean paged;
    private final int placeholderCount;
    private final boolean multiRowValues;
    private final boolean inList;
    private final boolean textTruncated;
    private final boolean laterDdl;

    /**
     * @param id                  stable 64-bit hash of {@code text}
     * @param text                the normalised statement, e.g. {@code select * from users where id = ?}
     * @param kind                what the statement does
     * @param allowedFindingKinds finding kinds excused by {@code querylens:allow <kind>} comments in the original
     *                            text (comments are stripped from {@code text}, so they are kept here)
     */
    public QueryShape(long id, String text, StatementKind kind, String[] allowedFindingKinds) {
        this(id, text, kind, allowedFindingKinds, 0, 0);
    }

    /** @param flags a combination of the {@code PAGED}, {@code MULTI_ROW_VALUES}, … constants */
    QueryShape(long id, String text, StatementKind kind, String[] allowedFindingKinds, int flags,
               int placeholderCount) {
        this.id = id;
        this.text = text;
        this.kind = kind;
        this.flags = flags;
        this.allowedFindingKinds = allowedFindingKinds == null || allowedFindingKinds.length == 0
                ? NO_ALLOWED_KINDS
                : allowedFindingKinds.clone();
        this.paged = (flags & PAGED) != 0;
        this.placeholderCount = placeholderCount;
        this.multiRowValues = (flags & MULTI_ROW_VALUES) != 0;
        this.inList = (flags & IN_LIST) != 0;
        this.textTruncated = (flags & TEXT_TRUNCATED) != 0;
        this.laterDdl = (flags & LATER_DDL) != 0;
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

    /** What the statement does; for a multi-statement text ({@code a; b}), what its first statement does. */
    public StatementKind kind() {
        return kind;
    }

    /**
     * True when any statement of the text is DDL: the kind is DDL, or a later statement of a multi-statement text
     * ({@code select 1; drop table t}, which MySQL runs with allowMultiQueries and PostgreSQL over the simple
     * protocol) is. The DDL guard acts on this, not on {@link #kind()} alone.
     */
    public boolean containsDdl() {
        return kind == StatementKind.DDL || laterDdl;
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

    /** True when the statement carries at least one {@code querylens:allow} comment. */
    public boolean hasAllowedKinds() {
        return allowedFindingKinds.length > 0;
    }

    /** This shape as a statement without {@code querylens:allow} comments would have it (itself when it has none). */
    public QueryShape withoutAllowedKinds() {
        if (allowedFindingKinds.length == 0) {
            return this;
        }
        return new QueryShape(id, text, kind, NO_ALLOWED_KINDS, flags, placeholderCount);
    }

    /** True when the statement limits its rows: LIMIT, OFFSET, FETCH FIRST/NEXT, or TOP after SELECT. */
    public boolean paged() {
        return paged;
    }

    /** Bind markers ({@code ?}, {@code $n}) in the original text, counted before IN lists and VALUES rows fold. */
    public int placeholderCount() {
        return placeholderCount;
    }

    /** True for a write whose VALUES list has more than one row (a batched insert in one statement). */
    public boolean multiRowValues() {
        return multiRowValues;
    }

    /** True when the statement has an IN list of literals or markers (folded to {@code in (?)} in the text). */
    public boolean inList() {
        return inList;
    }

    /** True when the text was cut at {@link NormalisedTextWriter#MAX_TEXT_CHARS} chars (it ends in " …"). */
    public boolean textTruncated() {
        return textTruncated;
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
