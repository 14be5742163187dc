alter table customer add column nickname varchar(255);
