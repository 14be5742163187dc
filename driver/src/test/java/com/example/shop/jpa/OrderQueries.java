package com.example.shop.jpa;

import org.hibernate.Session;

import java.util.ArrayList;
import java.util.List;

/** Hibernate "application" code: the lazy-loading loops, and the same reads written with JOIN FETCH. */
public final class OrderQueries {
    private final Session session;

    public OrderQueries(Session session) {
        this.session = session;
    }

    public List<String> customerNamesLazily() {
        List<String> names = new ArrayList<>();
        for (PurchaseOrder order : session.createQuery("from PurchaseOrder order by id", PurchaseOrder.class).list()) {
            names.add(order.getCustomer().getName());
        }
        return names;
    }

    public int lineCountLazily() {
        int lines = 0;
        for (PurchaseOrder order : session.createQuery("from PurchaseOrder order by id", PurchaseOrder.class).list()) {
            lines += order.getLines().size();
        }
        return lines;
    }

    public List<String> customerNamesWithJoinFetch() {
        List<String> names = new ArrayList<>();
        for (PurchaseOrder order : session.createQuery(
                "select o from PurchaseOrder o join fetch o.customer order by o.id", PurchaseOrder.class).list()) {
            names.add(order.getCustomer().getName());
        }
        return names;
    }

    public int lineCountWithJoinFetch() {
        int lines = 0;
        for (PurchaseOrder order : session.createQuery(
                "select distinct o from PurchaseOrder o left join fetch o.lines", PurchaseOrder.class).list()) {
            lines += order.getLines().size();
        }
        return lines;
    }
}
