CREATE SEQUENCE invoice_number_seq START WITH 1000 INCREMENT BY 10;

CREATE TABLE customer (
    id bigserial PRIMARY KEY,
    email varchar(200) NOT NULL UNIQUE,
    name text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE purchase_order (
    id bigserial PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customer (id),
    invoice_number bigint NOT NULL DEFAULT nextval('invoice_number_seq'),
    total numeric(12, 2) NOT NULL CHECK (total >= 0),
    status varchar(20) NOT NULL DEFAULT 'open'
);

CREATE INDEX purchase_order_customer_idx ON purchase_order (customer_id);
