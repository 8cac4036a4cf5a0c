-- The shop's first schema: a product catalog and a table of nightly statistics.
CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    price_cents INTEGER NOT NULL
);
CREATE TABLE catalog_stats (
    taken_at TEXT NOT NULL,
    products INTEGER NOT NULL,
    average_price_cents INTEGER
);
