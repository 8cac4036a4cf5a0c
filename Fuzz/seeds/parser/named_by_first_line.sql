12_name
-- a first line that is also a well-formed file name
SELECT 1;
