-- phase: post
-- Runs after every update step: the statistics see the final catalog.
INSERT INTO catalog_stats (taken_at, products, average_price_cents)
SELECT CURRENT_TIMESTAMP, count(*), avg(price_cents) FROM products;
