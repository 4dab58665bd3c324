CREATE TABLE order_line (
    order_id bigint NOT NULL,
    line_no int NOT NULL,
    sku text NOT NULL,
    quantity int NOT NULL,
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT order_line_order_fk FOREIGN KEY (order_id) REFERENCES purchase_order (id) ON DELETE CASCADE
);
