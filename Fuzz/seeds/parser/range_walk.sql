-- batch: range=-5..10
-- after: 0000_a, 0000_b
-- phase: post

INSERT INTO t SELECT value FROM generate_series(:from + 1, :to);
