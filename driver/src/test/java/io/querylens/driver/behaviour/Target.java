package io.querylens.driver.behaviour;

import com.mysql.cj.jdbc.MysqlDataSource;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A server and the driver that talks to it. Each target works in its own empty schema (PostgreSQL) or database
 * (MariaDB), created once per JVM, so cases may create tables freely.
 */
enum Target {
    POSTGRESQL("PostgreSQL/pgjdbc", TestDatabases::postgres, "behaviour_suite",
            new VendorClasses("org.postgresql.jdbc.PgConnection", "org.postgresql.jdbc.PgStatement",
                    "org.postgresql.jdbc.PgStatement", "org.postgresql.jdbc.PgResultSet")),
    MARIADB("MariaDB/MariaDB-Connector-J", TestDatabases::mariadb, "behaviour_mariadb_cj",
            new VendorClasses("org.mariadb.jdbc.Connection", "org.mariadb.jdbc.Statement",
                    "org.mariadb.jdbc.BasePreparedStatement", "org.mariadb.jdbc.client.result.Result")),
    MARIADB_VIA_MYSQL_CONNECTOR("MariaDB/MySQL-Connector-J", TestDatabases::mariadbViaMysqlDriver,
            "behaviour_mysql_cj",
            new VendorClasses("com.mysql.cj.jdbc.JdbcConnection", "com.mysql.cj.jdbc.JdbcStatement",
                    "com.mysql.cj.jdbc.JdbcPreparedStatement", "com.mysql.cj.jdbc.result.ResultSetImpl"));

    /** The driver's own types each JDBC object must unwrap to, whether or not QueryLens sits in between. */
    record VendorClasses(String connection, String statement, String preparedStatement, String resultSet) {
    }

    private final String displayName;
    private final Supplier<TestDatabase> server;
    private final String isolatedName;
    private final VendorClasses vendorClasses;
    private TestDatabase database;

    Target(String displayName, Supplier<TestDatabase> server, String isolatedName, VendorClasses vendorClasses) {
        this.displayName = displayName;
        this.server = server;
        this.isolatedName = isolatedName;
        this.vendorClasses = vendorClasses;
    }

    /** The isolated database, created on first use; parameterised tests of one JVM run on one thread. */
    synchronized TestDatabase database() {
        if (database == null) {
            try {
                database = server.get().freshSchema(isolatedName);
            } catch (SQLException e) {
                throw new IllegalStateException("could not create " + isolatedName + " for " + displayName, e);
            }
        }
        return database;
    }

    boolean isPostgres() {
        return this == POSTGRESQL;
    }

    VendorClasses vendorClasses() {
        return vendorClasses;
    }

    /** The driver's own DataSource, configured like the URL: what an application would hand to QueryLensDataSource. */
    DataSource vendorDataSource() {
        TestDatabase db = database();
        try {
            switch (this) {
                case POSTGRESQL -> {
                    PGSimpleDataSource dataSource = new PGSimpleDataSource();
                    dataSource.setURL(db.jdbcUrl());
                    dataSource.setUser(db.user());
                    dataSource.setPassword(db.password());
                    return dataSource;
                }
                case MARIADB -> {
                    MariaDbDataSource dataSource = new MariaDbDataSource(db.jdbcUrl());
                    dataSource.setUser(db.user());
                    dataSource.setPassword(db.password());
                    return dataSource;
                }
                default -> {
                    MysqlDataSource dataSource = new MysqlDataSource();
                    dataSource.setURL(db.jdbcUrl());
                    dataSource.setUser(db.user());
                    dataSource.setPassword(db.password());
                    return dataSource;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not configure the " + displayName + " DataSource", e);
        }
    }

    @Override
    public String toString() {
        return displayName;
    }
}
