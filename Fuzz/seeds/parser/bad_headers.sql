-- colour: red
-- batch table=t key=id
-- phase: later
-- batch: range=9..1 key=id
SELECT :x;
