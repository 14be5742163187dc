-- The shop's tables, as ShopSchema creates them for the demo, without data: both migration sets (safe in
-- db/migration, unsafe in db/migration-unsafe) start from this same V1.
CREATE TABLE users (
    id              bigint PRIMARY KEY,
    organization_id int    NOT NULL,
    status          text   NOT NULL,
    email           text   NOT NULL
);

CREATE TABLE products (
    id    bigint PRIMARY KEY,
    name  text   NOT NULL,
    price numeric(10, 2)
);

CREATE TABLE orders (
    id         bigint         PRIMARY KEY,
    user_id    bigint         NOT NULL REFERENCES users (id),
    product_id bigint         NOT NULL,
    status     text           NOT NULL,
    total      numeric(10, 2) NOT NULL,
    created_at timestamp      NOT NULL
);
