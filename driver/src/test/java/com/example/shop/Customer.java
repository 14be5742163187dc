package com.example.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** An entity whose table Hibernate's schema export (hbm2ddl) creates. */
@Entity
public class Customer {
    @Id
    private Long id;
    private String name;
}
