package io.querylens.examples.spring;

import java.math.BigDecimal;

public record OrderSummary(long orderId, String customerName, BigDecimal total) {
    static OrderSummary of(PurchaseOrder order) {
        return new OrderSummary(order.getId(), order.getCustomer().getName(), order.getTotal());
    }
}
