package io.querylens.examples.spring;

import io.querylens.QueryLens;
import io.querylens.driver.recording.ShapeSnapshot;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.SQLException;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The N+1 of {@link OrderSummaries#openOrdersNPlusOne()} in numbers, from QueryLens's per-shape counts: one SELECT per
 * distinct customer, against none with the entity graph. {@link LazyLoadingNPlusOneTest} shows the same through the
 * JUnit extension.
 */
@SpringBootTest
class LazyLoadingShapeCountsTest {
    /** The 100 open orders of V1 belong to all 40 customers; Hibernate loads each once per transaction. */
    private static final int DISTINCT_CUSTOMERS = 40;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) throws SQLException {
        ShopDatabase.register(properties);
    }

    @Autowired
    private OrderSummaries summaries;

    @Test
    void lazyCustomerIsLoadedWithOneSelectPerDistinctCustomer() {
        long customerLookupsBefore = customerLookups();
        long ordersSelectsBefore = ordersSelects();

        summaries.openOrdersNPlusOne();

        assertThat(customerLookups() - customerLookupsBefore).isEqualTo(DISTINCT_CUSTOMERS);
        assertThat(ordersSelects() - ordersSelectsBefore).isEqualTo(1);
    }

    @Test
    void entityGraphLoadsOrdersAndCustomersInOneSelect() {
        long customerLookupsBefore = customerLookups();
        long ordersSelectsBefore = ordersSelects();

        summaries.openOrdersWithCustomers();

        assertThat(customerLookups() - customerLookupsBefore).isZero();
        assertThat(ordersSelects() - ordersSelectsBefore).isEqualTo(1);
    }

    /** Executions of Hibernate's lazy load: a SELECT from customers alone, by id. */
    private static long customerLookups() {
        return executions("from customers", false);
    }

    /** Executions of any SELECT from purchase_orders (with or without the join to customers). */
    private static long ordersSelects() {
        return executions("from purchase_orders", true);
    }

    private static long executions(String fromClause, boolean joinsAllowed) {
        long executions = 0;
        for (ShapeSnapshot shape : QueryLens.shapes()) {
            String sql = shape.sql().toLowerCase(Locale.ROOT);
            if (sql.startsWith("select") && sql.contains(fromClause) && (joinsAllowed || !sql.contains("join"))) {
                executions += shape.executions();
            }
        }
        return executions;
    }
}
