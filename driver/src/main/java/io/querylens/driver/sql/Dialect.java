package io.querylens.driver.sql;

import java.util.Locale;

/**
 * The lexical rules a statement is read with. MariaDB shares MySQL's rules (backticks, {@code #} comments,
 * backslash escapes in strings); everything else falls back to the SQL standard with PostgreSQL's extensions
 * switched off.
 */
public enum Dialect {
    POSTGRESQL,
    MYSQL,
    GENERIC;

    /** Picks the dialect from a JDBC URL such as {@code jdbc:postgresql://…} or {@code jdbc:mariadb://…}. */
    public static Dialect fromJdbcUrl(String jdbcUrl) {
        if (jdbcUrl == null) {
            return GENERIC;
        }
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:querylens:")) {
            url = "jdbc:" + url.substring("jdbc:querylens:".length());
        }
        if (url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:pgsql:")) {
            return POSTGRESQL;
        }
        if (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:")) {
            return MYSQL;
        }
        return GENERIC;
    }

    /** Picks the dialect from {@link java.sql.DatabaseMetaData#getDatabaseProductName()}. */
    public static Dialect fromProductName(String productName) {
        if (productName == null) {
            return GENERIC;
        }
        String name = productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.contains("mysql") || name.contains("mariadb")) {
            return MYSQL;
        }
        return GENERIC;
    }
}
