package io.querylens.agent.apps;

import org.postgresql.ds.PGSimpleDataSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * An application the agent is attached to while it runs. Before the attach it loads the PostgreSQL driver, makes a
 * {@code PGSimpleDataSource}, opens a connection and keeps it; then it prints {@code READY <pid>} and waits for a line
 * on standard input. After it: statements on the connection kept from before, on new {@code DriverManager}
 * connections and on new connections of the data source made before the attach.
 * Arguments: url user password table.
 */
public final class AttachLaterApp {
    private AttachLaterApp() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args[2];
        String table = args[3];
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        try (Connection kept = DriverManager.getConnection(url, user, password)) {
            try (Statement statement = kept.createStatement()) {
                statement.execute("create table if not exists " + table + " (id int primary key, name varchar(20))");
                statement.execute("delete from " + table);
                statement.execute("insert into " + table + " (id, name) values (1, 'a'), (2, 'b'), (3, 'c')");
            }
            System.out.println("BEFORE_CONNECTION " + kept.getClass().getName());
            System.out.println("READY " + ProcessHandle.current().pid());
            String go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            System.out.println("GO " + go);

            List<String> rows = new ArrayList<>();
            try (Statement statement = kept.createStatement();
                 ResultSet count = statement.executeQuery("select count(*) from " + table)) {
                count.next();
                rows.add(count.getString(1));
            }
            for (int id = 1; id <= Workload.SELECTS; id++) {
                try (Connection connection = DriverManager.getConnection(url, user, password)) {
                    System.out.println("DM_CONNECTION " + connection.getClass().getName());
                    rows.add(select(connection, "select name from " + table + " where id = ?", id % 3 + 1));
                }
            }
            try (Connection connection = dataSource.getConnection()) {
                System.out.println("DS_CONNECTION " + connection.getClass().getName());
                rows.add(select(connection, "select id from " + table + " where name = ?", "c"));
            }
            System.out.println("ROWS " + String.join(",", rows));
        }
        Workload.printStatistics(table);
    }

    private static String select(Connection connection, String sql, Object parameter) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, parameter);
            try (ResultSet resultSet = select.executeQuery()) {
                resultSet.next();
                return resultSet.getString(1);
            }
        }
    }
}
