ALTER TABLE customer ADD COLUMN country char(2);
ALTER TABLE customer ALTER COLUMN country SET DEFAULT 'DE';
ALTER TABLE purchase_order ADD CONSTRAINT purchase_order_status_check CHECK (status IN ('open', 'paid', 'shipped'));
ALTER TABLE order_line RENAME COLUMN quantity TO qty;

CREATE VIEW customer_totals AS
SELECT c.id, c.name, count(o.id) AS orders, coalesce(sum(o.total), 0) AS total
FROM customer c LEFT JOIN purchase_order o ON o.customer_id = c.id
GROUP BY c.id, c.name;
