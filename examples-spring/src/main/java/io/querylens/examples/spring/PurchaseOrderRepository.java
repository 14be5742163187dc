package io.querylens.examples.spring;

import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface PurchaseOrderRepository extends JpaRepository<PurchaseOrder, Long> {

    /** Orders only: each order's customer stays a lazy proxy until something reads it. */
    List<PurchaseOrder> findByStatusOrderById(String status);

    /** Orders and their customers in one SELECT with a join. */
    @EntityGraph(attributePaths = "customer")
    List<PurchaseOrder> findWithCustomerByStatusOrderById(String status);
}
