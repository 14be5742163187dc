package io.querylens.driver.behaviour;

import static io.querylens.driver.behaviour.BehaviourCase.recreateTable;

import java.sql.CallableStatement;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;

/** DatabaseMetaData and stored routines with OUT parameters. */
final class MetadataCases {
    private MetadataCases() {
    }

    static List<BehaviourCase> all() {
        return List.of(
                new BehaviourCase("database metadata", (connection, target, seen) -> {
                    recreateTable(connection, "meta_orders", "id INT PRIMARY KEY, customer VARCHAR(40) NOT NULL,"
                            + " total DECIMAL(12,2)");
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("CREATE INDEX meta_orders_customer ON meta_orders (customer)");
                    }
                    DatabaseMetaData metadata = connection.getMetaData();
                    String catalog = connection.getCatalog();
                    String schema = connection.getSchema();
                    seen.value("catalog", catalog);
                    seen.value("schema", schema);
                    seen.value("product", metadata.getDatabaseProductName());
                    seen.value("product version", metadata.getDatabaseProductVersion());
                    seen.value("driver", metadata.getDriverName() + " " + metadata.getDriverVersion());
                    seen.value("url", metadata.getURL());
                    seen.value("user", metadata.getUserName());
                    seen.value("supports batch updates", metadata.supportsBatchUpdates());
                    seen.value("supports savepoints", metadata.supportsSavepoints());
                    seen.value("supports generated keys", metadata.supportsGetGeneratedKeys());
                    try (ResultSet tables = metadata.getTables(catalog, schema, "meta_orders", new String[] {"TABLE"})) {
                        seen.rows("tables", tables);
                    }
                    try (ResultSet columns = metadata.getColumns(catalog, schema, "meta_orders", "%")) {
                        seen.rows("columns", columns);
                    }
                    try (ResultSet keys = metadata.getPrimaryKeys(catalog, schema, "meta_orders")) {
                        seen.rows("primary keys", keys);
                    }
                    try (ResultSet indexes = metadata.getIndexInfo(catalog, schema, "meta_orders", false, false)) {
                        seen.rows("indexes", indexes);
                    }
                }),
                new BehaviourCase("callable statement with an OUT parameter", (connection, target, seen) -> {
                    try (Statement statement = connection.createStatement()) {
                        if (target.isPostgres()) {
                            statement.execute("CREATE OR REPLACE FUNCTION lens_double(IN x INT, OUT y INT)"
                                    + " AS $$ SELECT x * 2 $$ LANGUAGE sql");
                        } else {
                            statement.execute("DROP PROCEDURE IF EXISTS lens_double");
                            statement.execute("CREATE PROCEDURE lens_double(IN x INT, OUT y INT)"
                                    + " BEGIN SET y = x * 2; END");
                        }
                    }
                    try (CallableStatement call = connection.prepareCall("{call lens_double(?, ?)}")) {
                        call.setInt(1, 21);
                        call.registerOutParameter(2, Types.INTEGER);
                        seen.value("execute returns a result set", call.execute());
                        seen.value("out parameter", call.getInt(2));
                        seen.value("was null", call.wasNull());
                        seen.value("out parameter as object", call.getObject(2));
                        seen.value("callable.getConnection() is the connection", call.getConnection() == connection);
                        seen.attempt("reading an IN parameter as OUT", () -> call.getInt(1));
                    }
                    if (target.isPostgres()) {
                        try (CallableStatement call = connection.prepareCall("{? = call upper(?)}")) {
                            call.registerOutParameter(1, Types.VARCHAR);
                            call.setString(2, "lens");
                            call.execute();
                            seen.value("function return value", call.getString(1));
                        }
                    }
                }));
    }
}
