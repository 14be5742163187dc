package io.querylens.bench;

import io.querylens.bench.stub.StubDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where a benchmark's statements go: the no-I/O stub ({@link #STUB}) or a real PostgreSQL server. Every
 * {@link WrapperVariant} reaches it in its own way (a URL prefix, a wrapped {@link DataSource}, a javaagent), always
 * ending at the same raw driver.
 *
 * @param jdbcUrl the raw driver's URL, {@code jdbc:<subprotocol>:…}
 */
record Database(String jdbcUrl, String user, String password) {

    static final Database STUB = new Database("jdbc:stub:bench", null, null);

    /** The URL with a wrapping driver's prefix put in: {@code jdbc:querylens:postgresql://…}. */
    String urlWithPrefix(String prefix) {
        return "jdbc:" + prefix + ":" + jdbcUrl.substring("jdbc:".length());
    }

    Properties credentials() {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, credentials());
    }

    /** The vendor's own DataSource, as the DataSource-wrapping libraries (datasource-proxy, OpenTelemetry) wrap it. */
    DataSource rawDataSource() {
        if (this == STUB || jdbcUrl.startsWith("jdbc:stub:")) {
            return new StubDataSource(jdbcUrl);
        }
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("no DataSource known for " + jdbcUrl);
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }
}
