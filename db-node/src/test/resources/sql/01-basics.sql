-- Slice 1: tables, inserts, point and full reads, transactions.
CREATE TABLE t (id int PRIMARY KEY, name varchar(10) NOT NULL, score numeric(6,2) DEFAULT 0);
> CREATE TABLE

INSERT INTO t VALUES (1, 'one', 1.5), (2, 'two', 2.25);
> INSERT 0 2

INSERT INTO t (id, name) VALUES (3, 'three');
> INSERT 0 1

SELECT * FROM t ORDER BY id;
> id | name | score
> 1 | one | 1.50
> 2 | two | 2.25
> 3 | three | 0.00

SELECT name FROM t WHERE id = 2;
> name
> two

INSERT INTO t VALUES (1, 'dup', 0);
> ERROR 23505 duplicate key value violates unique constraint "t_pkey"

INSERT INTO t (id) VALUES (9);
> ERROR 23502 null value in column "name" of relation "t" violates not-null constraint

INSERT INTO t VALUES (9, 'much too long name', 0);
> ERROR 22001

CREATE TABLE t (x int);
> ERROR 42P07 relation "t" already exists

CREATE TABLE IF NOT EXISTS t (x int);
> CREATE TABLE

SELECT nope FROM t;
> ERROR 42703 column "nope" does not exist

SELECT * FROM missing;
> ERROR 42P01 relation "missing" does not exist

BEGIN;
> BEGIN

INSERT INTO t VALUES (4, 'four', 4);
> INSERT 0 1

SELECT count(*) FROM t;
> count
> 4

ROLLBACK;
> ROLLBACK

SELECT count(*) FROM t;
> count
> 3

BEGIN;
> BEGIN

INSERT INTO t VALUES (5, 'five', 5);
> INSERT 0 1

SELECT 1/0;
> ERROR 22012 division by zero

SELECT 1;
> ERROR 25P02 current transaction is aborted, commands ignored until end of transaction block

COMMIT;
> ROLLBACK

SELECT count(*) FROM t WHERE id = 5;
> count
> 0

BEGIN READ ONLY;
> BEGIN

INSERT INTO t VALUES (6, 'six', 6);
> ERROR 25006

ROLLBACK;
> ROLLBACK

COMMIT;
> COMMIT

BEGIN;
> BEGIN

INSERT INTO t VALUES (7, 'seven', 7);
> INSERT 0 1

SAVEPOINT a;
> SAVEPOINT

INSERT INTO t VALUES (8, 'eight', 8);
> INSERT 0 1

ROLLBACK TO SAVEPOINT a;
> ROLLBACK

COMMIT;
> COMMIT

SELECT id FROM t WHERE id >= 7 ORDER BY id;
> id
> 7

CREATE TABLE nokey (a int, b text);
> CREATE TABLE

INSERT INTO nokey VALUES (1, 'x'), (1, 'x');
> INSERT 0 2

SELECT a, b FROM nokey;
> a | b
> 1 | x
> 1 | x

SHOW server_version;
> server_version
> 15.0

SET application_name = 'tests';
> SET

SHOW application_name;
> application_name
> tests
