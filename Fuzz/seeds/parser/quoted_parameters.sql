-- batch: table=t key=id
SELECT ':x', "a:b", [c:d], `e:f` /* :g
 */ -- :h
FROM t WHERE id > :from AND id <= :to AND ? IS NULL;
