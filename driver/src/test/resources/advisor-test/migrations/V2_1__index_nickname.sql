create index customer_nickname on customer (nickname);
