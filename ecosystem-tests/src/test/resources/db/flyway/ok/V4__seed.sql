INSERT INTO customer (email, name, country) VALUES
    ('ada@example.com', 'Ada', 'GB'),
    ('grace@example.com', 'Grace', 'US'),
    ('edsger@example.com', 'Edsger', NULL);

INSERT INTO purchase_order (customer_id, total, status)
SELECT id, 10.50, 'paid' FROM customer WHERE email = 'ada@example.com';
INSERT INTO purchase_order (customer_id, total)
SELECT id, 4.25 FROM customer WHERE email = 'ada@example.com';
INSERT INTO purchase_order (customer_id, total, status)
SELECT id, 99.99, 'shipped' FROM customer WHERE email = 'grace@example.com';

INSERT INTO order_line (order_id, line_no, sku, qty)
SELECT id, 1, 'BOOK-1', 2 FROM purchase_order WHERE total = 10.50;
