package io.querylens.driver.detect.advisor;

import io.querylens.driver.detect.unindexed.IndexDefinition;
import io.querylens.driver.detect.unindexed.TableMetadata;
import io.querylens.driver.detect.unindexed.TableMetadata.ForeignKey;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/** What the catalog's indexes and foreign keys say about keys and constraints, as the checks need it. */
final class Constraints {

    private Constraints() {
    }

    /** True when {@code column} alone is the table's primary key or a unique, non-partial index. */
    static boolean isUniqueColumn(TableMetadata table, String column) {
        for (IndexDefinition index : table.indexes()) {
            if ((index.unique() || index.primary()) && !index.isPartial() && index.keys().equals(List.of(column))) {
                return true;
            }
        }
        return false;
    }

    /** True when an index (not partial) starts with exactly the foreign key's columns, in any order. */
    static boolean isIndexed(TableMetadata table, ForeignKey key) {
        return indexesServing(table, key) > 0;
    }

    static int indexesServing(TableMetadata table, ForeignKey key) {
        int serving = 0;
        for (IndexDefinition index : table.indexes()) {
            if (servesForeignKey(index, key)) {
                serving++;
            }
        }
        return serving;
    }

    static boolean servesForeignKey(IndexDefinition index, ForeignKey key) {
        int size = key.columns().size();
        return !index.isPartial() && index.keys().size() >= size
                && new HashSet<>(index.keys().subList(0, size)).equals(new HashSet<>(key.columns()));
    }

    /**
     * True when {@code index} is the only index serving one of the table's foreign keys: MySQL refuses to drop it, and
     * on PostgreSQL dropping it makes every delete on the parent scan this table.
     */
    static boolean neededByForeignKey(TableMetadata table, IndexDefinition index) {
        for (ForeignKey key : table.foreignKeys()) {
            if (servesForeignKey(index, key) && indexesServing(table, key) == 1) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code referencedTable} (as the catalog prints it, maybe schema-qualified or quoted) names {@code name}. */
    static boolean referencesTable(String referencedTable, String name) {
        String last = referencedTable;
        int dot = last.lastIndexOf('.');
        if (dot >= 0) {
            last = last.substring(dot + 1);
        }
        if (last.length() >= 2 && last.charAt(0) == '"' && last.charAt(last.length() - 1) == '"') {
            return last.substring(1, last.length() - 1).equals(name);
        }
        return last.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT));
    }
}
