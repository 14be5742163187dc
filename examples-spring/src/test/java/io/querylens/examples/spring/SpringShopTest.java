package io.querylens.examples.spring;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class SpringShopTest {
    /** V1 makes the first 100 of 400 orders open. */
    private static final int OPEN_ORDERS = 100;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) throws SQLException {
        ShopDatabase.register(properties);
    }

    @Autowired
    private DataSource dataSource;

    @Autowired
    private OrderSummaries summaries;

    @Autowired
    private MockMvc mvc;

    @Test
    void hikariPoolConnectsThroughTheQueryLensDriver() throws SQLException {
        assertThat(dataSource).isInstanceOf(HikariDataSource.class);
        assertThat(((HikariDataSource) dataSource).getJdbcUrl()).startsWith("jdbc:querylens:postgresql:");
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
    }

    @Test
    void bothVariantsListTheSameOpenOrdersWithTheirCustomers() {
        assertThat(summaries.openOrdersNPlusOne()).hasSize(OPEN_ORDERS)
                .first().isEqualTo(new OrderSummary(1, "customer 2", new java.math.BigDecimal("1.99")));
        assertThat(summaries.openOrdersWithCustomers()).isEqualTo(summaries.openOrdersNPlusOne());
    }

    @Test
    void openOrdersEndpointAnswersWithAndWithoutTheFix() throws Exception {
        mvc.perform(get("/orders/open"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(OPEN_ORDERS))
                .andExpect(jsonPath("$[0].customerName").value("customer 2"));
        mvc.perform(get("/orders/open").param("fixed", "true"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(OPEN_ORDERS))
                .andExpect(jsonPath("$[99].orderId").value(100))
                .andExpect(jsonPath("$[99].customerName").value("customer 21"));
    }
}
