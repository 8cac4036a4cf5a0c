-- A million products, inserted 1..1000000 in ranges so no transaction runs long.
-- batch: range=1..1000000
WITH RECURSIVE n(i) AS (
    SELECT :from + 1
     UNION ALL
    SELECT i + 1 FROM n WHERE i < :to
)
INSERT INTO products (id, title, price_cents)
SELECT i, 'Product ' || i || '  ', 100 + (i % 99900) * 7919 % 99900 FROM n;
