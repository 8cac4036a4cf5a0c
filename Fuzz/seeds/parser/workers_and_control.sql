-- batch: range=1..10
-- workers: 2
INSERT INTO t SELECT g FROM generate_series(:from + 1, :to) g;
BEGIN;
COMMIT;
