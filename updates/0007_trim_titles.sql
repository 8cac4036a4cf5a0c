-- Walks a text key: the slug index written by 0006.
-- batch: table=products key=slug
UPDATE products
   SET title = trim(title)
 WHERE slug > :from AND slug <= :to;
