package io.querylens.driver.detect.advisor;

import io.querylens.driver.detect.unindexed.IndexCatalog;
import io.querylens.driver.detect.unindexed.TableMetadata;
import io.querylens.driver.detect.unindexed.TableName;
import io.querylens.driver.sql.Dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link SchemaCheck} looks at: a read-only analysis connection (never the application's), its dialect, the
 * tables the application touches and the joins it runs. Table metadata is read through an {@link IndexCatalog}
 * (cached per run) and resolved once per input; tables the catalog cannot see (views, typos) are left out.
 *
 * <p>Used by one thread at a time (the advisor's, or a collector's poller).
 */
public final class CheckInput {
    private final Connection connection;
    private final Dialect dialect;
    private final boolean mariaDb;
    private final String dataSource;
    private final Set<TableName> tables;
    private final List<ObservedJoin> joins;
    private final IndexCatalog catalog;
    private final int orphanScanRows;
    private final Map<TableName, Optional<TableMetadata>> metadata = new LinkedHashMap<>();
    private String defaultSchema;

    public CheckInput(Connection connection, Dialect dialect, boolean mariaDb, String dataSource,
                      Set<TableName> tables, List<ObservedJoin> joins, IndexCatalog catalog, int orphanScanRows) {
        this.connection = connection;
        this.dialect = dialect;
        this.mariaDb = mariaDb;
        this.dataSource = dataSource;
        this.tables = Set.copyOf(tables);
        this.joins = List.copyOf(joins);
        this.catalog = catalog;
        this.orphanScanRows = orphanScanRows;
    }

    /** For a caller that has only a connection, a dialect and tables (the collector): no joins, a fresh catalog. */
    public static CheckInput of(Connection connection, Dialect dialect, String dataSource, Set<TableName> tables)
            throws SQLException {
        String product = connection.getMetaData().getDatabaseProductVersion();
        boolean mariaDb = product != null && product.toLowerCase(Locale.ROOT).contains("mariadb");
        return new CheckInput(connection, dialect, mariaDb, dataSource, tables, List.of(), new IndexCatalog(), 10_000);
    }

    public Connection connection() { return connection; }
    public Dialect dialect() { return dialect; }
    public boolean mariaDb() { return mariaDb; }
    public String dataSource() { return dataSource; }
    public Set<TableName> tables() { return tables; }
    public List<ObservedJoin> joins() { return joins; }
    public int orphanScanRows() { return orphanScanRows; }

    /** The table's catalog entry, or empty when the database has no such table. */
    public Optional<TableMetadata> table(TableName table) throws SQLException {
        Optional<TableMetadata> known = metadata.get(table);
        if (known == null) {
            known = catalog.table(dataSource, dialect, connection, table);
            metadata.put(table, known);
        }
        return known;
    }

    /** Every touched table the catalog knows, once each (two spellings of one table give one entry). */
    public List<TableMetadata> resolvedTables() throws SQLException {
        Map<TableName, TableMetadata> byResolved = new LinkedHashMap<>();
        for (TableName table : tables) {
            table(table).ifPresent(t -> byResolved.putIfAbsent(t.resolved(), t));
        }
        return new ArrayList<>(byResolved.values());
    }

    /**
     * The table as a fixing statement should name it: without its schema when that schema is the connection's default
     * ({@code current_schema()}, MySQL's {@code database()}), so the statement reads as the application's do.
     */
    public TableName display(TableName resolved) throws SQLException {
        if (defaultSchema == null) {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(dialect == Dialect.POSTGRESQL
                         ? "select current_schema()" : "select database()")) {
                defaultSchema = rs.next() && rs.getString(1) != null ? rs.getString(1) : "";
            }
        }
        return resolved.schema() == null || resolved.schema().equals(defaultSchema)
                ? new TableName(null, resolved.name()) : resolved;
    }
}
