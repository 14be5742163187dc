package io.querylens.driver.detect.nplusone;

import io.querylens.driver.finding.FindingKind;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Marks known repeated-query cases as accepted, in code. {@code QueryLens.allow(kinds…)} returns one of these, already
 * open as a scope on the current thread:
 * <ul>
 *   <li>{@code try (var a = QueryLens.allow(N_PLUS_ONE)) { … }}: findings of those kinds whose executions ran inside
 *       the block (on this thread) are counted as suppressed, not reported;</li>
 *   <li>{@code QueryLens.allow(N_PLUS_ONE).forShape("9f3c…")} or {@code .forCallSite("com.shop.Legacy")}: turns the
 *       scope into a JVM-wide rule instead (the thread scope ends at once), valid until the returned {@link Rule} is
 *       closed, or for the JVM's life when it is never closed.</li>
 * </ul>
 * Configuration does the same without code: {@code querylens.nplusone.allowShapes}, {@code
 * querylens.nplusone.allowCallSites}, and a {@code querylens:allow n_plus_one} comment in the SQL.
 */
public final class Allowance implements AutoCloseable {
    private static final List<Rule> RULES = new CopyOnWriteArrayList<>();

    private final long kindsMask;
    private final long previousMask;
    private boolean scopeOpen;

    private Allowance(long kindsMask) {
        this.kindsMask = kindsMask;
        ThreadWork work = ThreadWork.current();
        this.previousMask = work.allowedKinds;
        work.allowedKinds = previousMask | kindsMask;
        this.scopeOpen = true;
    }

    /** Opens an allow scope for {@code kinds} on the current thread (all repeated-query kinds when none is given). */
    public static Allowance open(FindingKind... kinds) {
        long mask = 0;
        if (kinds == null || kinds.length == 0) {
            mask = bit(FindingKind.N_PLUS_ONE) | bit(FindingKind.REPEATED_QUERY);
        } else {
            for (FindingKind kind : kinds) {
                mask |= bit(kind);
            }
        }
        return new Allowance(mask);
    }

    /** Accepts these kinds for one shape (its fingerprint, 16 hex digits) anywhere in the JVM. */
    public Rule forShape(String fingerprintHex) {
        close();
        return register(new Rule(kindsMask, fingerprintHex.trim().toLowerCase(java.util.Locale.ROOT), null));
    }

    /** Accepts these kinds for every call site starting with {@code prefix} (a class, package or method). */
    public Rule forCallSite(String prefix) {
        close();
        return register(new Rule(kindsMask, null, prefix.trim()));
    }

    /** Ends the thread scope (only on the thread that opened it; idempotent). */
    @Override
    public void close() {
        if (scopeOpen) {
            scopeOpen = false;
            ThreadWork.current().allowedKinds = previousMask;
        }
    }

    static long bit(FindingKind kind) {
        return 1L << kind.ordinal();
    }

    static boolean allowedByRule(FindingKind kind, String fingerprint, String callSite) {
        for (Rule rule : RULES) {
            if (rule.matches(kind, fingerprint, callSite)) {
                return true;
            }
        }
        return false;
    }

    private static Rule register(Rule rule) {
        RULES.add(rule);
        return rule;
    }

    /** A JVM-wide acceptance; {@link #close()} withdraws it. */
    public static final class Rule implements AutoCloseable {
        private final long kindsMask;
        private final String fingerprint;
        private final String callSitePrefix;

        private Rule(long kindsMask, String fingerprint, String callSitePrefix) {
            this.kindsMask = kindsMask;
            this.fingerprint = fingerprint;
            this.callSitePrefix = callSitePrefix;
        }

        boolean matches(FindingKind kind, String findingFingerprint, String callSite) {
            if ((kindsMask & bit(kind)) == 0) {
                return false;
            }
            if (fingerprint != null) {
                return fingerprint.equals(findingFingerprint);
            }
            return callSite != null && callSite.startsWith(callSitePrefix);
        }

        @Override
        public void close() {
            RULES.remove(this);
        }

        @Override
        public String toString() {
            return fingerprint != null ? "allow shape " + fingerprint : "allow call site " + callSitePrefix;
        }
    }
}
