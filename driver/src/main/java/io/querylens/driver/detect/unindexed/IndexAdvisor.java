package io.querylens.driver.detect.unindexed;

import io.querylens.driver.detect.unindexed.TableUsage.ExpressionPredicate;
import io.querylens.driver.sql.Dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Step 4: the statement that fixes a finding, ready to run as given. Key order follows how a B-tree is used:
 * equality columns first, then one range column, then ORDER BY columns when there is no range column (so the index
 * also returns rows in order). PostgreSQL gets {@code CREATE INDEX CONCURRENTLY} (no write lock; it cannot run inside
 * a transaction block), MySQL and MariaDB an online {@code ALTER TABLE … ALGORITHM=INPLACE, LOCK=NONE}.
 */
public final class IndexAdvisor {
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");
    private static final int MAX_IDENTIFIER_CHARS = 63;

    /** One key of the suggested index: a column or an expression such as {@code lower(email)}. */
    public record KeyPart(String sql, String nameFragment, boolean expression) {
        public static KeyPart column(String column) {
            return new KeyPart(column, column, false);
        }

        static KeyPart expression(ExpressionPredicate predicate) {
            return new KeyPart(predicate.sql(), predicate.normalised(), true);
        }
    }

    private IndexAdvisor() {
    }

    /** The keys for a usage's predicates, in B-tree order. */
    static List<KeyPart> keysFor(TableUsage usage) {
        List<KeyPart> keys = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String column : usage.equalityColumns()) {
            keys.add(KeyPart.column(column));
            seen.add(column);
        }
        for (ExpressionPredicate predicate : usage.expressionPredicates()) {
            if (!predicate.range()) {
                keys.add(KeyPart.expression(predicate));
            }
        }
        String range = usage.rangeColumns().isEmpty() ? null : usage.rangeColumns().iterator().next();
        if (range != null) {
            keys.add(KeyPart.column(range));
            seen.add(range);
        } else {
            for (ExpressionPredicate predicate : usage.expressionPredicates()) {
                if (predicate.range()) {
                    keys.add(KeyPart.expression(predicate));
                    break;
                }
            }
        }
        boolean orderHelps = range == null || (usage.orderByColumns().size() == 1
                && usage.orderByColumns().contains(range));
        if (orderHelps) {
            for (String column : usage.orderByColumns()) {
                if (!seen.contains(column)) {
                    keys.add(KeyPart.column(column));
                    seen.add(column);
                }
            }
        }
        return keys;
    }

    /**
     * The CREATE INDEX (or ALTER TABLE) statement, or null when the dialect cannot index these keys as written
     * (MariaDB has no expression indexes).
     */
    public static String createIndex(Dialect dialect, boolean mariaDb, TableName table, List<KeyPart> keys) {
        String name = indexName(table.name(), keys);
        List<String> parts = new ArrayList<>();
        for (KeyPart key : keys) {
            if (key.expression()) {
                if (dialect != Dialect.POSTGRESQL && mariaDb) {
                    return null;
                }
                parts.add("(" + key.sql() + ")");
            } else {
                parts.add(quote(dialect, key.sql()));
            }
        }
        String columns = String.join(", ", parts);
        if (dialect == Dialect.POSTGRESQL) {
            return "CREATE INDEX CONCURRENTLY " + name + " ON " + qualified(dialect, table) + " (" + columns + ");";
        }
        return "ALTER TABLE " + qualified(dialect, table) + " ADD INDEX " + name + " (" + columns
                + "), ALGORITHM=INPLACE, LOCK=NONE;";
    }

    /** A trigram GIN index for {@code LIKE '%x%'} on PostgreSQL with pg_trgm installed. */
    static String createTrigramIndex(TableName table, String column) {
        String name = truncate("idx_" + table.name() + "_" + column + "_trgm");
        return "CREATE INDEX CONCURRENTLY " + name + " ON " + qualified(Dialect.POSTGRESQL, table)
                + " USING gin (" + quote(Dialect.POSTGRESQL, column) + " gin_trgm_ops);";
    }

    public static String indexName(String table, List<KeyPart> keys) {
        StringBuilder name = new StringBuilder("idx_").append(table);
        for (KeyPart key : keys) {
            name.append('_').append(key.nameFragment());
        }
        return truncate(name.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_")
                .replaceAll("_+", "_").replaceAll("_$", ""));
    }

    private static String truncate(String name) {
        return name.length() <= MAX_IDENTIFIER_CHARS ? name : name.substring(0, MAX_IDENTIFIER_CHARS);
    }

    /** The table as a statement names it, identifiers quoted only when they need it. */
    public static String qualified(Dialect dialect, TableName table) {
        String name = quote(dialect, table.name());
        return table.schema() == null ? name : quote(dialect, table.schema()) + "." + name;
    }

    public static String quote(Dialect dialect, String identifier) {
        if (PLAIN_IDENTIFIER.matcher(identifier).matches()) {
            return identifier;
        }
        return dialect == Dialect.POSTGRESQL
                ? '"' + identifier.replace("\"", "\"\"") + '"'
                : '`' + identifier.replace("`", "``") + '`';
    }
}
