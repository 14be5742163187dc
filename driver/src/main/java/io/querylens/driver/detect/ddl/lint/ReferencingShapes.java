package io.querylens.driver.detect.ddl.lint;

import java.util.List;

/** Which known query texts still use a table, or a column of it, that a migration drops or renames. */
@FunctionalInterface
public interface ReferencingShapes {
    /** No shapes known: the command-line linter, which sees no running application. */
    ReferencingShapes NONE = (table, column) -> List.of();

    /** Query texts that reference {@code table} (and {@code column}, when not null). */
    List<String> referencing(String table, String column);
}
