package com.example.shop;

import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

/** Starts Hibernate with {@code hbm2ddl.auto=create}, as an application with ddl-auto would. */
public final class HibernateBootstrap {
    private HibernateBootstrap() {
    }

    public static void createSchema(String url, String user, String password) {
        Configuration configuration = new Configuration()
                .addAnnotatedClass(Customer.class)
                .setProperty("hibernate.connection.driver_class", "io.querylens.driver.QueryLensDriver")
                .setProperty("hibernate.connection.url", url)
                .setProperty("hibernate.connection.username", user)
                .setProperty("hibernate.connection.password", password == null ? "" : password)
                .setProperty("hibernate.hbm2ddl.auto", "create");
        try (SessionFactory ignored = configuration.buildSessionFactory()) {
            // building the factory runs the schema export
        }
    }
}
