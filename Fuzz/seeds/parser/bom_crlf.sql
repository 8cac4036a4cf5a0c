-- phase: post

-- note
SELECT 1;
