package io.querylens.examples.spring;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** The open orders with their customers' names, written twice: with the N+1 and without it. */
@Service
public class OrderSummaries {
    static final String OPEN = "open";

    private final PurchaseOrderRepository orders;

    public OrderSummaries(PurchaseOrderRepository orders) {
        this.orders = orders;
    }

    /**
     * PROBLEM (N+1 through lazy loading): one SELECT for the orders, then reading each order's customer name loads
     * that customer with a SELECT of its own, once per distinct customer.
     */
    @Transactional(readOnly = true)
    public List<OrderSummary> openOrdersNPlusOne() {
        return orders.findByStatusOrderById(OPEN).stream().map(OrderSummary::of).toList();
    }

    /** FIXED: the entity graph fetches the customers in the same SELECT (a join). */
    @Transactional(readOnly = true)
    public List<OrderSummary> openOrdersWithCustomers() {
        return orders.findWithCustomerByStatusOrderById(OPEN).stream().map(OrderSummary::of).toList();
    }
}
