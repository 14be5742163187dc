package io.querylens.driver.detect.ddl;

import io.querylens.driver.detect.ddl.lint.ReferencingShapes;
import io.querylens.driver.recording.ShapeRegistry;
import io.querylens.driver.recording.ShapeStats;
import io.querylens.driver.sql.StatementKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the query shapes this process has seen that still use a table or column a migration drops or renames. A
 * heuristic over normalised text: a shape references {@code table.column} when it names the table as a word
 * (qualified or not) and the column as a word, bare or qualified by anything (an alias, the table). It can be
 * fooled by a same-named column of another table in a join, or a word inside a quoted identifier; it never parses.
 * Runs only for drops and renames inside migrations.
 */
final class ShapeReferenceFinder implements ReferencingShapes {
    /** Enough to act on in a finding; more would bloat it. */
    static final int MAX_SHAPES = 20;

    private final ShapeRegistry shapes;

    ShapeReferenceFinder(ShapeRegistry shapes) {
        this.shapes = shapes;
    }

    @Override
    public List<String> referencing(String table, String column) {
        if (table == null) {
            return List.of();
        }
        String tableWord = table.toLowerCase(Locale.ROOT);
        String columnWord = column == null ? null : column.toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        for (ShapeStats stats : shapes.all()) {
            StatementKind kind = stats.shape().kind();
            if (kind == StatementKind.DDL || kind == StatementKind.OTHER) {
                continue;
            }
            String text = stats.shape().text().toLowerCase(Locale.ROOT);
            if (containsWord(text, tableWord) && (columnWord == null || containsWord(text, columnWord))) {
                found.add(stats.shape().text());
                if (found.size() == MAX_SHAPES) {
                    break;
                }
            }
        }
        return found;
    }

    /** True when {@code word} occurs delimited by non-identifier characters (a {@code .} counts as a delimiter). */
    static boolean containsWord(String text, String word) {
        int from = 0;
        while (true) {
            int at = text.indexOf(word, from);
            if (at < 0) {
                return false;
            }
            int end = at + word.length();
            boolean startOk = at == 0 || !isIdentifierChar(text.charAt(at - 1));
            boolean endOk = end == text.length() || !isIdentifierChar(text.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            from = at + 1;
        }
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
