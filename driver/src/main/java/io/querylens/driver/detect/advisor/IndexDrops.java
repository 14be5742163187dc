package io.querylens.driver.detect.advisor;

import io.querylens.driver.detect.unindexed.IndexAdvisor;
import io.querylens.driver.detect.unindexed.IndexDefinition;
import io.querylens.driver.detect.unindexed.TableMetadata;
import io.querylens.driver.sql.Dialect;

import java.sql.SQLException;

/**
 * The statement that drops an index without blocking the application: PostgreSQL's {@code DROP INDEX CONCURRENTLY}
 * (it cannot run inside a transaction block), MySQL's and MariaDB's online {@code ALTER TABLE … DROP INDEX}.
 */
final class IndexDrops {

    private IndexDrops() {
    }

    static String drop(CheckInput input, TableMetadata table, IndexDefinition index) throws SQLException {
        Dialect dialect = input.dialect();
        String indexName = IndexAdvisor.quote(dialect, index.name());
        if (dialect == Dialect.POSTGRESQL) {
            String schema = input.display(table.resolved()).schema();
            return "DROP INDEX CONCURRENTLY " + (schema == null ? "" : IndexAdvisor.quote(dialect, schema) + ".")
                    + indexName + ";";
        }
        return "ALTER TABLE " + IndexAdvisor.qualified(dialect, input.display(table.resolved())) + " DROP INDEX "
                + indexName + ", ALGORITHM=INPLACE, LOCK=NONE;";
    }
}
