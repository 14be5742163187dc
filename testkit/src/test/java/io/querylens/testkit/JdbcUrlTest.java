package io.querylens.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcUrlTest {

    @Test
    void roundTripsAUrlWithParameters() {
        String url = "jdbc:postgresql://db.example:5433/orders?ssl=true&currentSchema=app";
        assertThat(JdbcUrl.parse(url).toString()).isEqualTo(url);
    }

    @Test
    void swapsTheDatabaseAndKeepsParameters() {
        JdbcUrl url = JdbcUrl.parse("jdbc:mysql://localhost:3306/test?useSSL=false");
        assertThat(url.withDatabase("other").toString()).isEqualTo("jdbc:mysql://localhost:3306/other?useSSL=false");
    }

    @Test
    void replacesAnExistingParameterInsteadOfRepeatingIt() {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://localhost/postgres?currentSchema=a&ssl=false");
        assertThat(url.withParameter("currentSchema", "b").toString())
                .isEqualTo("jdbc:postgresql://localhost/postgres?ssl=false&currentSchema=b");
    }

    @Test
    void connectorDefaultsNeverOverrideWhatTheUrlSays() {
        JdbcUrl given = JdbcUrl.parse("jdbc:mysql://db:3306/app?useSSL=true");
        assertThat(Connector.MYSQL.adapt(given).toString())
                .isEqualTo("jdbc:mysql://db:3306/app?useSSL=true&allowPublicKeyRetrieval=true");
        assertThat(Connector.MARIADB.adapt(given).toString())
                .isEqualTo("jdbc:mariadb://db:3306/app?useSSL=true&sslMode=disable");
    }

    @Test
    void rejectsUrlsItCannotRewrite() {
        assertThatThrownBy(() -> JdbcUrl.parse("jdbc:h2:mem:test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:h2:mem:test");
    }
}
