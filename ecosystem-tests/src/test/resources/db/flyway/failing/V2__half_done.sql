CREATE TABLE ledger_audit (id int PRIMARY KEY, note text);
INSERT INTO ledger_audit VALUES (1, 'first');
ALTER TABLE ledger ADD COLUMN booked_at timestamptz;
INSERT INTO ledger VALUES (1, 7);
