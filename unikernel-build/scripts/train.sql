-- Statements the image's class-data archive is trained on (scripts/cds-train.sh runs them
-- with psql against the staged node): DDL, DML, joins, aggregates, prepared-style parameters,
-- catalog queries of the kind drivers send at connect time, and the sys tables.
CREATE TABLE train_accounts (id int PRIMARY KEY, owner text NOT NULL, balance bigint DEFAULT 0);
CREATE INDEX train_accounts_owner ON train_accounts (owner);
INSERT INTO train_accounts SELECT g, 'owner' || (g % 10), g * 10 FROM generate_series(1, 200) g;
BEGIN;
UPDATE train_accounts SET balance = balance + 5 WHERE id = 7;
INSERT INTO train_accounts VALUES (1000, 'late', 1);
COMMIT;
SELECT owner, count(*), sum(balance) FROM train_accounts GROUP BY owner ORDER BY owner;
SELECT a.id, b.id FROM train_accounts a JOIN train_accounts b ON a.id = b.id + 1 WHERE a.id < 5;
DELETE FROM train_accounts WHERE id > 150;
SELECT * FROM train_accounts WHERE id = 3;
SELECT count(*) FROM train_accounts WHERE owner LIKE 'owner1%';
SELECT current_setting('server_version'), version(), pg_is_in_recovery();
SELECT n.nspname, c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'train_accounts';
SELECT typname, oid FROM pg_catalog.pg_type WHERE oid < 30;
SHOW transaction_read_only;
SELECT * FROM sys.devices;
DROP TABLE train_accounts;
