package io.querylens.examples.spring;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
public class OrderController {
    private final OrderSummaries summaries;

    public OrderController(OrderSummaries summaries) {
        this.summaries = summaries;
    }

    /** {@code GET /orders/open} has the N+1; {@code GET /orders/open?fixed=true} does not. */
    @GetMapping("/orders/open")
    public List<OrderSummary> openOrders(@RequestParam(defaultValue = "false") boolean fixed) {
        return fixed ? summaries.openOrdersWithCustomers() : summaries.openOrdersNPlusOne();
    }
}
