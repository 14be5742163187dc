package io.querylens.examples.spring.agent;

import io.querylens.examples.spring.OrderSummaries;
import io.querylens.examples.spring.OrderSummary;
import io.querylens.examples.spring.SpringShopApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Spring shop as a child JVM runs it for {@link SpringShopUnderAgentTest}: Spring Boot, HikariCP, Flyway and
 * Hibernate with a plain {@code jdbc:postgresql:} URL (given as system properties), no web server. It runs both
 * variants of the open-orders listing and prints what the application itself saw, one line each:
 * {@code ROWS <variant> <count> <every row>}, then the pool's view ({@code CONNECTION}), and whether the application
 * carries QueryLens itself ({@code APPLICATION_COPY}).
 */
public final class ShopUnderAgentMain {
    private ShopUnderAgentMain() {
    }

    public static void main(String[] args) throws Exception {
        SpringApplication application = new SpringApplication(SpringShopApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = application.run(args)) {
            OrderSummaries summaries = context.getBean(OrderSummaries.class);
            print("n_plus_one", summaries.openOrdersNPlusOne());
            print("fixed", summaries.openOrdersWithCustomers());
            try (Connection connection = context.getBean(DataSource.class).getConnection()) {
                System.out.println("CONNECTION " + connection.getClass().getName() + " valid="
                        + connection.isValid(5));
            }
        }
        System.out.println("APPLICATION_COPY " + present("io.querylens.QueryLens"));
    }

    private static void print(String variant, List<OrderSummary> rows) {
        System.out.println("ROWS " + variant + " " + rows.size() + " " + rows.stream()
                .map(row -> row.orderId() + ":" + row.customerName() + ":" + row.total())
                .collect(Collectors.joining(",")));
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, ShopUnderAgentMain.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException absent) {
            return false;
        }
    }
}
