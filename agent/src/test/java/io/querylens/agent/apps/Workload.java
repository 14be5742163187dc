package io.querylens.agent.apps;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What every child application does, and how it reports: lines on standard output that the parent test reads.
 * {@code ROWS} is what the application itself saw; {@code STAT <copy> <executions> <sql>} is what each copy of
 * QueryLens in the JVM (the agent's relocated one, the application's own) counted for the workload's table.
 */
final class Workload {
    static final int SELECTS = 7;

    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private Workload() {
    }

    static void run(ConnectionSource source, String table, String vendorInterface) throws Exception {
        try (Connection connection = source.open(); Statement statement = connection.createStatement()) {
            System.out.println("CONNECTION " + connection.getClass().getName());
            Object vendor = connection.unwrap(Class.forName(vendorInterface));
            System.out.println("VENDOR " + vendor.getClass().getName());
            statement.execute("create table if not exists " + table + " (id int primary key, name varchar(20))");
            statement.execute("delete from " + table);
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into " + table + " (id, name) values (?, ?)")) {
                String[] names = {"a", "b", "c"};
                for (int i = 0; i < names.length; i++) {
                    insert.setInt(1, i + 1);
                    insert.setString(2, names[i]);
                    insert.executeUpdate();
                }
            }
        }
        List<String> rows = new ArrayList<>();
        for (int i = 1; i <= SELECTS; i++) {
            try (Connection connection = source.open();
                 PreparedStatement select = connection.prepareStatement("select name from " + table + " where id = ?")) {
                select.setInt(1, i % 3 + 1);
                try (ResultSet resultSet = select.executeQuery()) {
                    while (resultSet.next()) {
                        rows.add(resultSet.getString(1));
                    }
                }
            }
        }
        System.out.println("ROWS " + String.join(",", rows));
        printStatistics(table);
    }

    static void printStatistics(String table) throws Exception {
        printStatistics("agent", "io.querylens.agent.shaded.querylens.QueryLens", table);
        printStatistics("application", "io.querylens.QueryLens", table);
    }

    private static void printStatistics(String copy, String queryLensClass, String table) throws Exception {
        Class<?> queryLens;
        try {
            queryLens = Class.forName(queryLensClass);
        } catch (ClassNotFoundException absent) {
            return;
        }
        for (Object shape : (List<?>) queryLens.getMethod("shapes").invoke(null)) {
            String sql = (String) accessor(shape, "sql");
            if (sql.toLowerCase().contains(table.toLowerCase())) {
                System.out.println("STAT " + copy + " " + accessor(shape, "executions") + " " + sql);
            }
        }
    }

    private static Object accessor(Object record, String name) throws Exception {
        Method method = record.getClass().getMethod(name);
        return method.invoke(record);
    }

    static void printJdkAccess() {
        Module javaBase = Object.class.getModule();
        Module application = Workload.class.getModule();
        System.out.println("JDK_ACCESS reflectOpen=" + javaBase.isOpen("java.lang.reflect", application)
                + " refExported=" + javaBase.isExported("jdk.internal.ref", application)
                + " nioExported=" + javaBase.isExported("sun.nio.ch", application));
    }
}
