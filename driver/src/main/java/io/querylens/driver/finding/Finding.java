package io.querylens.driver.finding;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One problem QueryLens found: the shared output of every detector, and the public findings-file contract. Immutable.
 *
 * <p>{@code count} is the size of the problem in its worst occurrence (for N+1: the repeated executions in one unit of
 * work); {@code occurrences} is how many times it was seen. Kind-specific values (the N+1 parent shape, a lint rule's
 * name, a plan node) go in {@code details}. No field ever holds a bind value or a literal from the application's SQL.
 */
public final class Finding {
    private final FindingKind kind;
    private final Severity severity;
    private final String fingerprint;
    private final String sql;
    private final long count;
    private final long occurrences;
    private final String table;
    private final List<String> columns;
    private final String callSite;
    private final String suggestion;
    private final String reason;
    private final Instant firstSeen;
    private final Instant lastSeen;
    private final String dataSource;
    private final Map<String, Object> details;

    private Finding(Builder b) {
        this.kind = Objects.requireNonNull(b.kind, "kind");
        this.severity = Objects.requireNonNull(b.severity, "severity");
        this.fingerprint = b.fingerprint;
        this.sql = b.sql;
        this.count = b.count;
        this.occurrences = b.occurrences;
        this.table = b.table;
        this.columns = b.columns == null ? List.of() : List.copyOf(b.columns);
        this.callSite = b.callSite;
        this.suggestion = b.suggestion;
        this.reason = b.reason;
        this.firstSeen = b.firstSeen == null ? Instant.now() : b.firstSeen;
        this.lastSeen = b.lastSeen == null ? this.firstSeen : b.lastSeen;
        this.dataSource = b.dataSource;
        this.details = b.details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(b.details));
    }

    public static Builder builder(FindingKind kind, Severity severity) {
        return new Builder(kind, severity);
    }

    /** A builder holding every value of this finding, to derive an updated copy. */
    public Builder toBuilder() {
        Builder b = new Builder(kind, severity);
        b.fingerprint = fingerprint;
        b.sql = sql;
        b.count = count;
        b.occurrences = occurrences;
        b.table = table;
        b.columns = columns;
        b.callSite = callSite;
        b.suggestion = suggestion;
        b.reason = reason;
        b.firstSeen = firstSeen;
        b.lastSeen = lastSeen;
        b.dataSource = dataSource;
        b.details = details.isEmpty() ? null : new LinkedHashMap<>(details);
        return b;
    }

    /**
     * Findings with the same key are the same problem: deduplicated, counted, written again only when they grow. A
     * {@code rule} detail (lint rules of {@code unsafe_migration}) is part of it: one statement can break two rules.
     */
    public String key() {
        Object rule = details.get("rule");
        return kind.wireName() + '|' + fingerprint + '|' + callSite + (rule == null ? "" : "|" + rule);
    }

    public FindingKind kind() { return kind; }
    public Severity severity() { return severity; }
    public String fingerprint() { return fingerprint; }
    public String sql() { return sql; }
    public long count() { return count; }
    public long occurrences() { return occurrences; }
    public String table() { return table; }
    public List<String> columns() { return columns; }
    public String callSite() { return callSite; }
    public String suggestion() { return suggestion; }
    public String reason() { return reason; }
    public Instant firstSeen() { return firstSeen; }
    public Instant lastSeen() { return lastSeen; }
    public String dataSource() { return dataSource; }
    public Map<String, Object> details() { return details; }

    @Override
    public String toString() {
        return kind.wireName() + " [" + severity.wireName() + "] " + sql + " x" + count
                + (callSite == null ? "" : " at " + callSite)
                + (suggestion == null ? "" : " -> " + suggestion);
    }

    public static final class Builder {
        private final FindingKind kind;
        private final Severity severity;
        private String fingerprint;
        private String sql;
        private long count = 1;
        private long occurrences = 1;
        private String table;
        private List<String> columns;
        private String callSite;
        private String suggestion;
        private String reason;
        private Instant firstSeen;
        private Instant lastSeen;
        private String dataSource;
        private Map<String, Object> details;

        private Builder(FindingKind kind, Severity severity) {
            this.kind = kind;
            this.severity = severity;
        }

        public Builder fingerprint(String fingerprint) { this.fingerprint = fingerprint; return this; }
        public Builder sql(String sql) { this.sql = sql; return this; }
        public Builder count(long count) { this.count = count; return this; }
        public Builder occurrences(long occurrences) { this.occurrences = occurrences; return this; }
        public Builder table(String table) { this.table = table; return this; }
        public Builder columns(List<String> columns) { this.columns = columns; return this; }
        public Builder callSite(String callSite) { this.callSite = callSite; return this; }
        public Builder suggestion(String suggestion) { this.suggestion = suggestion; return this; }
        public Builder reason(String reason) { this.reason = reason; return this; }
        public Builder firstSeen(Instant firstSeen) { this.firstSeen = firstSeen; return this; }
        public Builder lastSeen(Instant lastSeen) { this.lastSeen = lastSeen; return this; }
        public Builder dataSource(String dataSource) { this.dataSource = dataSource; return this; }

        /** Adds a kind-specific value; values must be strings, numbers, booleans, lists or maps of those. */
        public Builder detail(String name, Object value) {
            if (details == null) {
                details = new LinkedHashMap<>();
            }
            details.put(name, value);
            return this;
        }

        public Finding build() {
            return new Finding(this);
        }
    }
}
