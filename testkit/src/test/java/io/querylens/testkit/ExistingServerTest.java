package io.querylens.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExistingServerTest {

    @Test
    void usesTheServerTheEnvironmentNames() throws SQLException {
        TestDatabase embedded = TestDatabases.postgres();
        Settings settings = new Settings(Map.of(
                Settings.POSTGRES_URL, embedded.jdbcUrl(),
                Settings.POSTGRES_URL + "_USER", embedded.user(),
                Settings.POSTGRES_URL + "_PASSWORD", embedded.password())::get);

        TestDatabase existing = ExistingServer.postgres(settings);

        assertThat(existing.jdbcUrl()).isEqualTo(embedded.jdbcUrl());
        assertThat(existing.description()).startsWith("existing PostgreSQL from QUERYLENS_TEST_POSTGRES_URL (17.");
    }

    @Test
    void mysqlUrlIsRewrittenForEachConnectorAndTheServerKindIsRead() throws SQLException {
        TestDatabase embedded = TestDatabases.mariadbViaMysqlDriver();
        String bareUrl = embedded.jdbcUrl().substring(0, embedded.jdbcUrl().indexOf('?'));
        Settings settings = new Settings(Map.of(Settings.MYSQL_URL, bareUrl)::get);

        TestDatabase viaMariaDb = ExistingServer.mysqlFamily(settings, Connector.MARIADB);

        assertThat(viaMariaDb.jdbcUrl()).startsWith("jdbc:mariadb://").endsWith("/querylens?sslMode=disable");
        assertThat(viaMariaDb.kind()).isEqualTo(DatabaseKind.MARIADB);
        assertThat(viaMariaDb.user()).isEqualTo("root");
    }

    @Test
    void unreachableServerFailsWithTheSettingNameAndUrl() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://localhost:" + closedPort + "/postgres?connectTimeout=2";
        Settings settings = new Settings(Map.of(Settings.POSTGRES_URL, url, Settings.POSTGRES_URL + "_PASSWORD",
                "secret-password")::get);

        assertThatThrownBy(() -> ExistingServer.postgres(settings))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("QUERYLENS_TEST_POSTGRES_URL names " + url)
                .hasMessageContaining("connecting failed")
                .hasMessageNotContaining("secret-password");
    }
}
