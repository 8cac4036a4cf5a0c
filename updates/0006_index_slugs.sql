CREATE UNIQUE INDEX products_slug ON products (slug);
