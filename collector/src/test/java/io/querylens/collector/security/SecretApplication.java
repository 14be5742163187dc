package io.querylens.collector.security;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A stand-in application, run as its own JVM by {@link SecretsNeverLeaveTheProcessTest}: it puts every kind of
 * secret QueryLens could see into its statements and connections (literals, bind values, a failing cast that echoes
 * its literal in the driver's message, passwords in the URL, in Properties and in MySQL's {@code user:pass@host}), and
 * provokes findings of several kinds so that their texts are written, streamed and served.
 * Arguments: PostgreSQL querylens URL (no credentials), PostgreSQL user, MySQL-family querylens URL (credentials are
 * added here), MySQL user, app name.
 */
public final class SecretApplication {
    public static void main(String[] args) throws Exception {
        String pgUrl = args[0];
        String pgUser = args[1];
        String mysqlUrl = args[2];
        String mysqlUser = args[3];
        String app = args[4];
        String sep = pgUrl.contains("?") ? "&" : "?";
        String table = "secret_" + app.replace('-', '_');
        try (Connection urlCredentials = DriverManager.getConnection(
                pgUrl + sep + "user=" + pgUser + "&password=" + SecretsNeverLeaveTheProcessTest.URL_PASSWORD)) {
            execute(urlCredentials, "create table " + table + " (id int primary key, login text, password text)");
            execute(urlCredentials, "alter table " + table + " alter column login set default '"
                    + SecretsNeverLeaveTheProcessTest.LITERAL + "'");
            try (PreparedStatement insert = urlCredentials.prepareStatement(
                    "insert into " + table + " (id, login, password) values (?, ?, ?)")) {
                for (int i = 0; i < 300; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "user" + i);
                    insert.setString(3, SecretsNeverLeaveTheProcessTest.BIND + i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            execute(urlCredentials, "analyze " + table);
            query(urlCredentials, "select id from " + table + " where password = '"
                    + SecretsNeverLeaveTheProcessTest.LITERAL + "'");
            query(urlCredentials, "select id from " + table + " where id < 20");
            try (PreparedStatement byPassword = urlCredentials.prepareStatement(
                    "select login from " + table + " where password = ?")) {
                for (int i = 0; i < 12; i++) {
                    byPassword.setString(1, SecretsNeverLeaveTheProcessTest.BIND + i);
                    try (ResultSet rows = byPassword.executeQuery()) {
                        while (rows.next()) {
                            rows.getString(1);
                        }
                    }
                }
            }
            try {
                query(urlCredentials, "select '" + SecretsNeverLeaveTheProcessTest.CAST_LITERAL + "'::int");
                throw new IllegalStateException("the cast should have failed");
            } catch (SQLException expected) {
                // The application sees the driver's message (with the literal); QueryLens must not repeat it.
            }
        }
        Properties properties = new Properties();
        properties.setProperty("user", pgUser);
        properties.setProperty("password", SecretsNeverLeaveTheProcessTest.PROPERTIES_PASSWORD);
        try (Connection propertyCredentials = DriverManager.getConnection(pgUrl, properties)) {
            query(propertyCredentials, "select count(*) from " + table + " where login = '"
                    + SecretsNeverLeaveTheProcessTest.LITERAL + "'");
        }
        String userInfo = mysqlUrl.replaceFirst("//", "//" + mysqlUser + ":" + SecretsNeverLeaveTheProcessTest.MYSQL_PASSWORD + "@");
        try (Connection mysql = DriverManager.getConnection(userInfo)) {
            execute(mysql, "create table if not exists " + table + " (id int primary key, note varchar(100))");
            execute(mysql, "insert into " + table + " values (1, '" + SecretsNeverLeaveTheProcessTest.LITERAL + "')");
            try (PreparedStatement select = mysql.prepareStatement("select id from " + table + " where note = ?")) {
                select.setString(1, SecretsNeverLeaveTheProcessTest.BIND);
                select.executeQuery().close();
            }
        }
        System.out.println("secret application done");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                rows.getObject(1);
            }
        }
    }
}
