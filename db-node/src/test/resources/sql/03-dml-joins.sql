-- Slice 3: joins, subqueries, ON CONFLICT, RETURNING, UPDATE, DELETE, serial and defaults.
CREATE TABLE dept (id serial PRIMARY KEY, name text UNIQUE NOT NULL);
> CREATE TABLE

INSERT INTO dept (name) VALUES ('eng'), ('ops'), ('hr') RETURNING id, name;
> id | name
> 1 | eng
> 2 | ops
> 3 | hr
> INSERT 0 3

CREATE TABLE person (id bigserial PRIMARY KEY, name text NOT NULL, dept_id int, created timestamptz DEFAULT now());
> CREATE TABLE

INSERT INTO person (name, dept_id) VALUES ('ann', 1), ('bob', 1), ('cid', 2), ('dee', NULL);
> INSERT 0 4

SELECT p.name, d.name AS dept FROM person p JOIN dept d ON p.dept_id = d.id ORDER BY p.name;
> name | dept
> ann | eng
> bob | eng
> cid | ops

SELECT p.name, d.name AS dept FROM person p LEFT JOIN dept d ON d.id = p.dept_id ORDER BY p.name;
> name | dept
> ann | eng
> bob | eng
> cid | ops
> dee | NULL

SELECT d.name, p.name AS person FROM person p RIGHT JOIN dept d ON p.dept_id = d.id ORDER BY d.name, p.name;
> name | person
> eng | ann
> eng | bob
> hr | NULL
> ops | cid

SELECT d.name, count(p.id) AS n FROM dept d LEFT JOIN person p ON p.dept_id = d.id GROUP BY d.name ORDER BY d.name;
> name | n
> eng | 2
> hr | 0
> ops | 1

SELECT p.name FROM person p, dept d WHERE p.dept_id = d.id AND d.name = 'ops';
> name
> cid

SELECT a.name, b.name FROM dept a CROSS JOIN dept b WHERE a.id = 1 AND b.id < 3 ORDER BY b.id;
> name | name
> eng | eng
> eng | ops

SELECT p.name, d.name FROM person p FULL JOIN dept d ON p.dept_id = d.id ORDER BY p.name NULLS LAST, d.name;
> name | name
> ann | eng
> bob | eng
> cid | ops
> dee | NULL
> NULL | hr

SELECT name FROM dept WHERE id IN (SELECT dept_id FROM person) ORDER BY name;
> name
> eng
> ops

SELECT name FROM dept d WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.dept_id = d.id);
> name
> hr

SELECT name, (SELECT count(*) FROM person p WHERE p.dept_id = d.id) AS n FROM dept d ORDER BY id;
> name | n
> eng | 2
> ops | 1
> hr | 0

SELECT (SELECT id FROM dept);
> ERROR 21000

SELECT name FROM person WHERE dept_id = (SELECT id FROM dept WHERE name = 'ops');
> name
> cid

UPDATE person SET dept_id = 3 WHERE name = 'dee' RETURNING id, dept_id;
> id | dept_id
> 4 | 3
> UPDATE 1

UPDATE person SET name = upper(name) WHERE dept_id = 1;
> UPDATE 2

SELECT name FROM person ORDER BY id;
> name
> ANN
> BOB
> cid
> dee

UPDATE person p SET name = d.name || '-' || p.name FROM dept d WHERE p.dept_id = d.id AND d.name = 'hr';
> UPDATE 1

SELECT name FROM person WHERE id = 4;
> name
> hr-dee

DELETE FROM person WHERE id = 2 RETURNING name;
> name
> BOB
> DELETE 1

DELETE FROM person p USING dept d WHERE p.dept_id = d.id AND d.name = 'ops';
> DELETE 1

SELECT count(*) FROM person;
> count
> 2

INSERT INTO dept (name) VALUES ('eng');
> ERROR 23505 duplicate key value violates unique constraint "dept_name_key"

INSERT INTO dept (name) VALUES ('eng') ON CONFLICT (name) DO NOTHING;
> INSERT 0 0

INSERT INTO dept (id, name) VALUES (1, 'x') ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name || '!' RETURNING id, name;
> id | name
> 1 | x!
> INSERT 0 1

INSERT INTO dept (id, name) VALUES (2, 'y') ON CONFLICT (id) DO UPDATE SET name = 'z' WHERE dept.name = 'nope';
> INSERT 0 0

INSERT INTO dept (id, name) VALUES (10, 'ten') ON CONFLICT ON CONSTRAINT dept_pkey DO NOTHING;
> INSERT 0 1

SELECT id, name FROM dept ORDER BY id;
> id | name
> 1 | x!
> 2 | ops
> 3 | hr
> 10 | ten

SELECT nextval('dept_id_seq') AS n;
> n
> 6

CREATE TABLE kv (k text PRIMARY KEY, v int NOT NULL DEFAULT 7);
> CREATE TABLE

INSERT INTO kv VALUES ('a', DEFAULT), ('b', 2);
> INSERT 0 2

INSERT INTO kv (k) SELECT name FROM dept WHERE id > 5;
> INSERT 0 1

SELECT k, v FROM kv ORDER BY k;
> k | v
> a | 7
> b | 2
> ten | 7

UPDATE kv SET v = v + 1;
> UPDATE 3

UPDATE kv SET k = 'c' WHERE k = 'b';
> UPDATE 1

SELECT k, v FROM kv ORDER BY k;
> k | v
> a | 8
> c | 3
> ten | 8

INSERT INTO kv DEFAULT VALUES;
> ERROR 23502

CREATE SEQUENCE s START 100 INCREMENT BY 10;
> CREATE SEQUENCE

SELECT nextval('s') AS a, nextval('s') AS b;
> a | b
> 100 | 110

CREATE SCHEMA app;
> CREATE SCHEMA

CREATE TABLE app.items (id int PRIMARY KEY, tag varchar(5));
> CREATE TABLE

INSERT INTO app.items VALUES (1, 'x');
> INSERT 0 1

SELECT app.items.tag, i.id FROM app.items i;
> ERROR 42P01

SELECT i.tag FROM app.items i;
> tag
> x

ALTER TABLE kv ADD COLUMN note text DEFAULT 'n';
> ALTER TABLE

SELECT k, note FROM kv WHERE k = 'a';
> k | note
> a | n

TRUNCATE kv;
> TRUNCATE TABLE

SELECT count(*) FROM kv;
> count
> 0

DROP TABLE kv;
> DROP TABLE

DROP TABLE kv;
> ERROR 42P01 table "kv" does not exist

DROP TABLE IF EXISTS kv;
> DROP TABLE

CREATE TABLE q (id int PRIMARY KEY, dedupe text, state text);
> CREATE TABLE

CREATE UNIQUE INDEX q_dedupe ON q (dedupe) WHERE state = 'queued';
> CREATE INDEX

INSERT INTO q VALUES (1, 'k', 'queued') ON CONFLICT (dedupe) WHERE state = 'queued' DO NOTHING;
> INSERT 0 1

INSERT INTO q VALUES (2, 'k', 'queued') ON CONFLICT (dedupe) WHERE state = 'queued' DO NOTHING RETURNING id;
> id
> INSERT 0 0

INSERT INTO q VALUES (3, 'k', 'done') ON CONFLICT (dedupe) WHERE state = 'queued' DO NOTHING RETURNING id;
> id
> 3
> INSERT 0 1

-- Without a column list VALUES may be shorter than the table: the rest take their defaults
CREATE TABLE shortrow (a int PRIMARY KEY, b int DEFAULT 5, c text);
> CREATE TABLE

INSERT INTO shortrow VALUES (1);
> INSERT 0 1

INSERT INTO shortrow VALUES (2, 7), (3, 8);
> INSERT 0 2

SELECT a, b, c FROM shortrow ORDER BY a;
> a | b | c
> 1 | 5 | NULL
> 2 | 7 | NULL
> 3 | 8 | NULL

INSERT INTO shortrow (a, b, c) VALUES (4, 1);
> ERROR 42601 INSERT has more target columns than expressions

INSERT INTO shortrow VALUES (5, 1, 'x', 9);
> ERROR 42601 INSERT has more expressions than target columns
