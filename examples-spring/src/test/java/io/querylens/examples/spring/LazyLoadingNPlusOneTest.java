package io.querylens.examples.spring;

import io.querylens.junit.QueryLensTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.SQLException;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * What a Spring Boot application's own test suite gets from the QueryLens JUnit extension: the lazy-loading N+1 fails
 * its test, naming the customers SELECT, how often it ran, the orders SELECT it followed and the fix; the entity-graph
 * fix passes. (The message's call site reads "unknown" for Hibernate's lazy load today, so it is not asserted.) The sample tests
 * run through the JUnit Platform's EngineTestKit, so that this class can assert the failure itself.
 */
class LazyLoadingNPlusOneTest {

    /** A Spring Boot test as an application would write it, under {@link QueryLensTest}. Run only from above. */
    @SpringBootTest
    @QueryLensTest
    static class OrderListingSamples {
        @DynamicPropertySource
        static void database(DynamicPropertyRegistry properties) throws SQLException {
            ShopDatabase.register(properties);
        }

        @Autowired
        private OrderSummaries summaries;

        @Test
        void listsOpenOrdersReadingEachLazyCustomer() {
            summaries.openOrdersNPlusOne();
        }

        @Test
        void listsOpenOrdersWithTheirCustomersInOneSelect() {
            summaries.openOrdersWithCustomers();
        }
    }

    @Test
    void lazyLoadingNPlusOneFailsTheTestNamingTheCustomerSelect() {
        run("listsOpenOrdersReadingEachLazyCustomer").assertThatEvents().haveExactly(1,
                event(test("listsOpenOrdersReadingEachLazyCustomer"), finishedWithFailure(
                        instanceOf(AssertionError.class), message(m -> m.startsWith(
                                "N+1 query in OrderListingSamples.listsOpenOrdersReadingEachLazyCustomer():")
                                && m.contains("select c1_0.id, c1_0.name from customers c1_0 where c1_0.id = ?")
                                && m.contains("ran 40 times")
                                && m.contains("after: select po1_0.id, po1_0.customer_id, po1_0.status, po1_0.total "
                                        + "from purchase_orders po1_0 where po1_0.status = ?")
                                && m.contains("repeated lookup: customers[id]")
                                && m.contains("@EntityGraph")))));
    }

    @Test
    void entityGraphFixPasses() {
        run("listsOpenOrdersWithTheirCustomersInOneSelect").assertThatEvents().haveExactly(1,
                event(test("listsOpenOrdersWithTheirCustomersInOneSelect"), finishedSuccessfully()));
    }

    private static Events run(String method) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectMethod(OrderListingSamples.class, method))
                .execute().testEvents();
    }
}
