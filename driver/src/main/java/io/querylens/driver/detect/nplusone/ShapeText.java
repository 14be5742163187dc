package io.querylens.driver.detect.nplusone;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the N+1 detector reads from a shape's normalised text. {@link #isPaged} and {@link #hasPlaceholder} run once
 * per shape per window (when a counting slot is claimed), scan the text without allocating and are computed here
 * because the interim {@code QueryShape} has no {@code paged()} yet; {@link #repeatedTable} and
 * {@link #repeatedColumns} run only when a finding is built.
 */
final class ShapeText {
    private static final Pattern FROM_TABLE = Pattern.compile(
            "\\bfrom\\s+([`\"\\w.]+)", Pattern.CASE_INSENSITIVE);
    /** {@code alias.column = ?}, {@code column in (?}, {@code column=$1}: the predicate the loop varies. */
    private static final Pattern PARAM_PREDICATE = Pattern.compile(
            "([`\"\\w.]+)\\s*(?:=|\\bin\\s*\\()\\s*(?:\\?|\\$\\d+)", Pattern.CASE_INSENSITIVE);

    private ShapeText() {
    }

    /** True when the statement reads one page of a scan: LIMIT, OFFSET or FETCH FIRST/NEXT outside quotes. */
    static boolean isPaged(String text) {
        return containsWord(text, "limit") || containsWord(text, "offset") || containsWord(text, "fetch");
    }

    /** True when the shape has a {@code ?} (a bind marker, or a literal the fingerprinter replaced). */
    static boolean hasPlaceholder(String text) {
        return text.indexOf('?') >= 0;
    }

    static String repeatedTable(String text) {
        Matcher matcher = FROM_TABLE.matcher(text);
        return matcher.find() ? unquote(matcher.group(1)) : null;
    }

    /** Columns compared with a parameter in the WHERE clause, without their table alias. */
    static List<String> repeatedColumns(String text) {
        int where = indexOfWord(text, "where");
        if (where < 0) {
            return List.of();
        }
        Set<String> columns = new LinkedHashSet<>();
        Matcher matcher = PARAM_PREDICATE.matcher(text);
        matcher.region(where, text.length());
        while (matcher.find()) {
            String column = unquote(matcher.group(1));
            int dot = column.lastIndexOf('.');
            columns.add(dot >= 0 ? column.substring(dot + 1) : column);
        }
        return new ArrayList<>(columns);
    }

    private static String unquote(String identifier) {
        return identifier.replace("`", "").replace("\"", "").toLowerCase(Locale.ROOT);
    }

    private static boolean containsWord(String text, String lowerWord) {
        return indexOfWord(text, lowerWord) >= 0;
    }

    /** Index of {@code lowerWord} as a whole word outside single quotes, case-insensitive; -1 if absent. */
    private static int indexOfWord(String text, String lowerWord) {
        boolean quoted = false;
        int n = text.length();
        int w = lowerWord.length();
        for (int i = 0; i + w <= n; i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
                continue;
            }
            if (quoted || (i > 0 && isWordChar(text.charAt(i - 1)))) {
                continue;
            }
            if (text.regionMatches(true, i, lowerWord, 0, w) && (i + w == n || !isWordChar(text.charAt(i + w)))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
