--liquibase formatted sql

--changeset shop:2
ALTER TABLE customer ADD COLUMN nickname varchar(255);
