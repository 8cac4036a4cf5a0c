-- Product pages get readable URLs.
ALTER TABLE products ADD COLUMN slug TEXT;
