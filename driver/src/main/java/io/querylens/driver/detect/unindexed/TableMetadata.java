package io.querylens.driver.detect.unindexed;

import java.util.List;
import java.util.Set;

/**
 * What the catalog says about one table: its real schema and name, the planner's row estimate (-1 when the table
 * was never analysed), its columns, valid indexes and foreign keys. Immutable; cached by {@link IndexCatalog} until
 * the next schema change.
 */
public record TableMetadata(TableName resolved, long estimatedRows, Set<String> columns, List<IndexDefinition> indexes,
                     List<ForeignKey> foreignKeys, Set<String> stringColumns) {

    /** {@code stringColumns}: the character-typed columns, where MySQL compares a number by converting every row. */
    public TableMetadata(TableName resolved, long estimatedRows, Set<String> columns, List<IndexDefinition> indexes,
                         List<ForeignKey> foreignKeys) {
        this(resolved, estimatedRows, columns, indexes, foreignKeys, Set.of());
    }

    /** A foreign key's referencing columns, in constraint order, and the table it references. */
    public record ForeignKey(List<String> columns, String referencedTable) {
    }

    /** True when some index has {@code column} as its first key. */
    public boolean hasIndexLeadingWith(String column) {
        for (IndexDefinition index : indexes) {
            if (!index.isPartial() && !index.keys().isEmpty() && index.keys().get(0).equals(column)) {
                return true;
            }
        }
        return false;
    }
}
