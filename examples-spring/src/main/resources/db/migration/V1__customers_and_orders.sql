-- The Spring shop: customers and their purchase orders, with enough rows that an N+1 shows.
CREATE TABLE customers (
    id   bigint PRIMARY KEY,
    name text   NOT NULL
);

CREATE TABLE purchase_orders (
    id          bigint         PRIMARY KEY,
    customer_id bigint         NOT NULL REFERENCES customers (id),
    status      text           NOT NULL,
    total       numeric(10, 2) NOT NULL
);

CREATE INDEX purchase_orders_status_idx ON purchase_orders (status);
CREATE INDEX purchase_orders_customer_id_idx ON purchase_orders (customer_id);

INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 40) g;

-- 400 orders; the first 100 are open and belong to all 40 customers (2 or 3 each).
INSERT INTO purchase_orders
SELECT g, 1 + (g % 40), CASE WHEN g <= 100 THEN 'open' ELSE 'shipped' END, (g % 90) + 0.99
FROM generate_series(1, 400) g;
