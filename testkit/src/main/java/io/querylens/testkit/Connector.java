package io.querylens.testkit;

/** The two JDBC drivers that speak the MySQL protocol, and the URL settings each needs on our servers. */
enum Connector {
    /** MariaDB Connector/J: our servers have no TLS certificate, so TLS is switched off. */
    MARIADB("MariaDB Connector/J") {
        @Override
        JdbcUrl adapt(JdbcUrl url) {
            return url.withScheme("mariadb").withDefaultParameter("sslMode", "disable");
        }
    },
    /**
     * MySQL Connector/J: no TLS, and allowed to fetch the server's RSA key, which MySQL 8's caching_sha2_password
     * needs over a plain connection.
     */
    MYSQL("MySQL Connector/J") {
        @Override
        JdbcUrl adapt(JdbcUrl url) {
            return url.withScheme("mysql").withDefaultParameter("useSSL", "false")
                    .withDefaultParameter("allowPublicKeyRetrieval", "true");
        }
    };

    private final String displayName;

    Connector(String displayName) {
        this.displayName = displayName;
    }

    abstract JdbcUrl adapt(JdbcUrl url);

    String displayName() {
        return displayName;
    }
}
