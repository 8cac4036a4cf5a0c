-- Prices go up 5%. Not idempotent: running a range twice would raise it twice, which is what batchrun prevents.
-- batch: table=products key=id
UPDATE products
   SET price_cents = price_cents * 105 / 100
 WHERE id > :from AND id <= :to;
