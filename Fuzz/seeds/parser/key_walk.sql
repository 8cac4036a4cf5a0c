-- batch: table=items key=id
UPDATE items SET n = 1 WHERE id > @from AND id <= $to;
