-- batch: table=t key=id
-- batch: range=1..2

/* only a comment */ ;
