package io.querylens.driver.detect.nplusone;

import com.example.shop.ShopDatabase;
import com.example.shop.jpa.Customer;
import com.example.shop.jpa.OrderLine;
import com.example.shop.jpa.OrderQueries;
import com.example.shop.jpa.PurchaseOrder;
import io.querylens.driver.finding.Finding;
import io.querylens.junit.QueryRecording;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Hibernate 7 lazy loading in a loop, through {@code jdbc:querylens:}, on PostgreSQL and MariaDB. */
class HibernateNPlusOneTest {
    private static final List<SessionFactory> FACTORIES = new ArrayList<>();

    static Stream<SessionFactory> sessionFactories() throws SQLException {
        if (FACTORIES.isEmpty()) {
            // Hibernate's pool keeps its connections, and a connection keeps the engine it was opened with: install
            // the engine first, and observe findings per test with a recording instead of replacing the engine.
            Lens.fresh();
            FACTORIES.add(sessionFactory(TestDatabases.postgres().freshSchema("nplusone_orm")));
            FACTORIES.add(sessionFactory(TestDatabases.mariadb().createDatabase("nplusone_orm")));
        }
        return FACTORIES.stream();
    }

    private static SessionFactory sessionFactory(TestDatabase database) throws SQLException {
        ShopDatabase.create(database);
        return new Configuration()
                .addAnnotatedClass(Customer.class)
                .addAnnotatedClass(PurchaseOrder.class)
                .addAnnotatedClass(OrderLine.class)
                .setProperty("hibernate.connection.url", database.querylensUrl())
                .setProperty("hibernate.connection.username", database.user())
                .setProperty("hibernate.connection.password", database.password())
                .setProperty("hibernate.hbm2ddl.auto", "none")
                .buildSessionFactory();
    }

    @AfterAll
    static void closeFactories() {
        FACTORIES.forEach(SessionFactory::close);
        FACTORIES.clear();
    }

    private static QueryRecording inTransaction(SessionFactory factory, Consumer<OrderQueries> work) {
        try (QueryRecording recording = QueryRecording.start("hibernate")) {
            try (Session session = factory.openSession()) {
                session.beginTransaction();
                work.accept(new OrderQueries(session));
                session.getTransaction().commit();
            }
            return recording.stop();
        }
    }

    @ParameterizedTest(autoCloseArguments = false) // the factories are shared; closed in @AfterAll
    @MethodSource("sessionFactories")
    void lazyManyToOneInALoopIsAnNPlusOneWithAFetchSuggestion(SessionFactory factory) {
        List<Finding> findings = inTransaction(factory, OrderQueries::customerNamesLazily).nPlusOnes();
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(ShopDatabase.ORDERS);
            assertThat(f.table()).isEqualTo("users");
            assertThat(f.columns()).containsExactly("id");
            assertThat((String) f.details().get("parentSql")).contains("from orders");
            assertThat(f.callSite()).startsWith("com.example.shop.jpa.OrderQueries.customerNamesLazily(");
            assertThat(f.details()).containsEntry("orm", "hibernate");
            assertThat(f.suggestion()).contains("JOIN FETCH").contains("entity graph");
        });
    }

    @ParameterizedTest(autoCloseArguments = false) // the factories are shared; closed in @AfterAll
    @MethodSource("sessionFactories")
    void lazyOneToManyInALoopIsAnNPlusOne(SessionFactory factory) {
        assertThat(inTransaction(factory, OrderQueries::lineCountLazily).nPlusOnes()).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(ShopDatabase.ORDERS);
            assertThat(f.table()).isEqualTo("order_lines");
            assertThat(f.columns()).containsExactly("order_id");
            assertThat(f.callSite()).startsWith("com.example.shop.jpa.OrderQueries.lineCountLazily(");
        });
    }

    @ParameterizedTest(autoCloseArguments = false) // the factories are shared; closed in @AfterAll
    @MethodSource("sessionFactories")
    void sameReadsWithJoinFetchAreClean(SessionFactory factory) {
        QueryRecording recording = inTransaction(factory, queries -> {
            assertThat(queries.customerNamesWithJoinFetch()).hasSize(ShopDatabase.ORDERS);
            assertThat(queries.lineCountWithJoinFetch()).isEqualTo(2 * ShopDatabase.ORDERS);
        });
        assertThat(recording.counts().selects()).isEqualTo(2);
        assertThat(recording.nPlusOnes()).isEmpty();
        assertThat(recording.repeatedQueries()).isEmpty();
    }
}
