-- batch: table=products key=id
UPDATE products
   SET slug = lower(replace(trim(title), ' ', '-'))
 WHERE id > :from AND id <= :to;
