-- CREATE TABLE forms, constraints, derived names, IF [NOT] EXISTS, errors
create table items (id serial primary key, name varchar(20) not null, price numeric(10,2) default 0, code text unique);
> CREATE TABLE

create table items (x int);
> ERROR 42P07 relation "items" already exists

create table if not exists items (x int);
> NOTICE relation "items" already exists, skipping
> CREATE TABLE

insert into items (name, code) values ('a', 'A1'), ('b', 'B1') returning id, price;
> id | price
> 1 | 0.00
> 2 | 0.00
> INSERT 0 2

insert into items (name, code) values ('c', 'A1');
> ERROR 23505

select relname from pg_class where relname like 'items%' order by relname;
> relname
> items
> items_code_key
> items_id_seq
> items_pkey

create table dup (a int, a text);
> ERROR 42701 column "a" specified more than once

create table twopk (a int primary key, b int primary key);
> ERROR 42P16

create table badtype (a nosuchtype);
> ERROR 42704

create table nosuch.t (a int);
> ERROR 3F000

create table composite (a int, b int, c text, constraint composite_pk primary key (a, b), unique (b, c));
> CREATE TABLE

insert into composite values (1, 1, 'x'), (1, 2, 'x');
> INSERT 0 2

insert into composite values (1, 1, 'y');
> ERROR 23505

select indexname from pg_indexes where tablename = 'composite' order by indexname;
> indexname
> composite_b_c_key
> composite_pk

create table refs (id int primary key, item int references items(id), qty int check (qty > 0)) with (fillfactor=90);
> CREATE TABLE

create table "MixedCase" ("Id" int, plain int);
> CREATE TABLE

insert into "MixedCase" values (1, 2);
> INSERT 0 1

select "Id", plain from "MixedCase";
> Id | plain
> 1 | 2

create schema app;
> CREATE SCHEMA

create schema app;
> ERROR 42P06

create schema if not exists app;
> NOTICE schema "app" already exists, skipping
> CREATE SCHEMA

create table app.jobs (id bigserial primary key, state text not null default 'queued');
> CREATE TABLE

insert into app.jobs default values;
> INSERT 0 1

select id, state from app.jobs;
> id | state
> 1 | queued

drop schema app;
> ERROR 2BP01

drop schema app cascade;
> DROP SCHEMA

select count(*) from app.jobs;
> ERROR 42P01

drop table if exists nothere, refs;
> NOTICE table "nothere" does not exist, skipping
> DROP TABLE

drop table nothere;
> ERROR 42P01

-- indexes
create index on items (name);
> CREATE INDEX

create unique index items_name_price on items using btree (name desc, price);
> CREATE INDEX

create index items_name_price on items (price);
> ERROR 42P07

create index if not exists items_name_price on items (price);
> NOTICE relation "items_name_price" already exists, skipping
> CREATE INDEX

create index cheap on items (price) where price < 10;
> CREATE INDEX

select name from items where price < 10 order by name;
> name
> a
> b

create index hashed on items using hash (name);
> NOTICE access method "hash" is not available: an ordered (btree) index is created instead
> CREATE INDEX

drop index hashed;
> DROP INDEX

create index odd on items using no_such_method (name);
> ERROR 42704

drop index items_name_idx;
> DROP INDEX

drop index items_name_idx;
> ERROR 42704

drop index if exists items_name_idx;
> NOTICE index "items_name_idx" does not exist, skipping
> DROP INDEX

-- ALTER TABLE
alter table items add column stock int not null default 5;
> ALTER TABLE

select name, stock from items order by id;
> name | stock
> a | 5
> b | 5

alter table items add column note text;
> ALTER TABLE

alter table items add column if not exists note text;
> NOTICE column "note" of relation "items" already exists, skipping
> ALTER TABLE

alter table items add column note2 text not null;
> ERROR 23502

alter table items add column name int;
> ERROR 42701

alter table items alter column note set default 'n/a';
> ALTER TABLE

insert into items (name) values ('d') returning name, note, stock;
> name | note | stock
> d | n/a | 5
> INSERT 0 1

alter table items alter column note drop default;
> ALTER TABLE

insert into items (name) values ('e') returning note;
> note
> NULL
> INSERT 0 1

create table nokey (k int, v text);
> CREATE TABLE

insert into nokey values (2, 'two'), (1, 'one'), (3, 'three');
> INSERT 0 3

alter table nokey add primary key (k);
> ALTER TABLE

alter table nokey add primary key (v);
> ERROR 42P16

select k, v from nokey order by k;
> k | v
> 1 | one
> 2 | two
> 3 | three

insert into nokey values (1, 'again');
> ERROR 23505

create table dupkey (k int);
> CREATE TABLE

insert into dupkey values (1), (1);
> INSERT 0 2

alter table dupkey add primary key (k);
> ERROR 23505

alter table nokey add constraint nokey_v_uq unique (v);
> ALTER TABLE

insert into nokey values (9, 'one');
> ERROR 23505

comment on table nokey is 'a table';
> COMMENT

-- TRUNCATE
truncate items, nokey restart identity;
> TRUNCATE TABLE

select count(*) from items;
> count
> 0

insert into items (name) values ('after') returning id;
> id
> 1
> INSERT 0 1

truncate nothere;
> ERROR 42P01

-- RENAME TO and RENAME COLUMN keep rows, keys and indexes
CREATE TABLE ren (id int PRIMARY KEY, label text, qty int CHECK (qty >= 0));
> CREATE TABLE

CREATE INDEX ren_label ON ren (label);
> CREATE INDEX

INSERT INTO ren VALUES (1, 'one', 1), (2, 'two', 2);
> INSERT 0 2

ALTER TABLE ren RENAME TO renamed;
> ALTER TABLE

SELECT count(*) FROM ren;
> ERROR 42P01

ALTER TABLE renamed RENAME COLUMN label TO title;
> ALTER TABLE

SELECT id, title FROM renamed WHERE title = 'two';
> id | title
> 2 | two

INSERT INTO renamed VALUES (1, 'again', 0);
> ERROR 23505

ALTER TABLE renamed RENAME COLUMN nope TO other;
> ERROR 42703

ALTER TABLE renamed RENAME COLUMN title TO id;
> ERROR 42701

ALTER TABLE renamed RENAME COLUMN qty TO amount;
> ERROR 0A000 cannot rename column "qty"

CREATE TABLE other_rel (a int);
> CREATE TABLE

ALTER TABLE renamed RENAME TO other_rel;
> ERROR 42P07

-- CREATE TABLE AS and SELECT INTO: columns and types from the query, rows inserted, tag SELECT n
CREATE TABLE src (id int PRIMARY KEY, name varchar(20), amount numeric(10,2), at timestamptz, tags text[], big bigint, ok boolean);
> CREATE TABLE

INSERT INTO src VALUES (1, 'a', 1.50, '2026-01-01 00:00:00+00', '{x}', 10, true), (2, 'b', 2.25, NULL, NULL, 20, false);
> INSERT 0 2

CREATE TABLE copied AS SELECT * FROM src WHERE id > 0;
> SELECT 2

SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'copied' ORDER BY ordinal_position;
> column_name | data_type
> id | integer
> name | character varying
> amount | numeric
> at | timestamp with time zone
> tags | ARRAY
> big | bigint
> ok | boolean

SELECT id, name, amount, tags FROM copied ORDER BY id;
> id | name | amount | tags
> 1 | a | 1.50 | {x}
> 2 | b | 2.25 | NULL

CREATE TABLE summed (n, total) AS SELECT count(*), sum(amount) FROM src;
> SELECT 1

SELECT n, total FROM summed;
> n | total
> 2 | 3.75

CREATE TABLE IF NOT EXISTS summed AS SELECT 1;
> NOTICE relation "summed" already exists, skipping
> CREATE TABLE AS

CREATE TABLE summed AS SELECT 1;
> ERROR 42P07

SELECT id, 'lit' AS word INTO picked FROM src WHERE ok;
> SELECT 1

SELECT id, word FROM picked;
> id | word
> 1 | lit

CREATE TABLE empty_copy AS SELECT * FROM src WHERE false;
> SELECT 0

SELECT count(*) FROM empty_copy;
> count
> 0

BEGIN;
> BEGIN

CREATE TABLE undone_copy AS SELECT * FROM src;
> SELECT 2

ROLLBACK;
> ROLLBACK

SELECT count(*) FROM undone_copy;
> ERROR 42P01

-- DROP COLUMN: later columns shift, indexes/checks/foreign keys on the column go with it
CREATE TABLE parent_d (id int PRIMARY KEY, code text UNIQUE);
> CREATE TABLE

CREATE TABLE dc (id int PRIMARY KEY, gone text, keep int CHECK (keep > 0), pid int REFERENCES parent_d (id), note text, gone2 int CHECK (gone2 < 100));
> CREATE TABLE

CREATE INDEX dc_gone ON dc (gone);
> CREATE INDEX

CREATE INDEX dc_note ON dc (note);
> CREATE INDEX

INSERT INTO parent_d VALUES (1, 'p');
> INSERT 0 1

INSERT INTO dc VALUES (1, 'g', 5, 1, 'n1', 7), (2, 'h', 6, NULL, 'n2', 8);
> INSERT 0 2

ALTER TABLE dc DROP COLUMN gone;
> NOTICE drop cascades to index dc_gone
> ALTER TABLE

ALTER TABLE dc DROP gone2;
> NOTICE drop cascades to constraint dc_gone2_check
> ALTER TABLE

SELECT * FROM dc ORDER BY id;
> id | keep | pid | note
> 1 | 5 | 1 | n1
> 2 | 6 | NULL | n2

SELECT id FROM dc WHERE note = 'n2';
> id
> 2

INSERT INTO dc VALUES (3, 0, NULL, 'x');
> ERROR 23514

INSERT INTO dc VALUES (3, 1, 99, 'x');
> ERROR 23503

INSERT INTO dc VALUES (3, 1, 1, 'x');
> INSERT 0 1

ALTER TABLE dc DROP COLUMN IF EXISTS nothing_here;
> NOTICE column "nothing_here" of relation "dc" does not exist, skipping
> ALTER TABLE

ALTER TABLE dc DROP COLUMN nothing_here;
> ERROR 42703

ALTER TABLE dc DROP COLUMN id;
> ERROR 0A000

ALTER TABLE parent_d DROP COLUMN code;
> ALTER TABLE

ALTER TABLE dc DROP COLUMN pid;
> NOTICE drop cascades to constraint dc_pid_fkey
> ALTER TABLE

INSERT INTO dc VALUES (4, 1, 'y');
> INSERT 0 1

ALTER TABLE dc DROP COLUMN note, ADD CONSTRAINT keep_small CHECK (keep < 10);
> ERROR 0A000 ALTER TABLE that drops a column cannot also add constraints

ALTER TABLE dc ADD COLUMN extra int;
> ALTER TABLE

BEGIN;
> BEGIN

ALTER TABLE dc DROP COLUMN extra;
> NOTICE this change is committed already: ROLLBACK will not undo it
> ALTER TABLE

ROLLBACK;
> ROLLBACK

SELECT * FROM dc ORDER BY id;
> id | keep | note
> 1 | 5 | n1
> 2 | 6 | n2
> 3 | 1 | x
> 4 | 1 | y

-- ALTER COLUMN TYPE: conversions that keep every value; keys and indexes re-encoded
CREATE TABLE ty (id int PRIMARY KEY, name varchar(10), qty smallint, price numeric(6,2), note text);
> CREATE TABLE

CREATE INDEX ty_name ON ty (name);
> CREATE INDEX

INSERT INTO ty VALUES (1, 'short', 1, 10.50, 'abc'), (2, 'longer one', 2, 20.25, 'abcdefghij');
> INSERT 0 2

ALTER TABLE ty ALTER COLUMN id TYPE bigint, ALTER COLUMN qty TYPE int, ALTER COLUMN price TYPE numeric(10,2);
> ALTER TABLE

INSERT INTO ty VALUES (3000000000, 'big', 70000, 12345678.90, NULL);
> INSERT 0 1

SELECT id, name, qty, price FROM ty WHERE id = 2;
> id | name | qty | price
> 2 | longer one | 2 | 20.25

INSERT INTO ty VALUES (2, 'dup', 0, 0, NULL);
> ERROR 23505

ALTER TABLE ty ALTER COLUMN name TYPE varchar(5);
> ERROR 22001

ALTER TABLE ty ALTER COLUMN note TYPE varchar(10);
> ALTER TABLE

ALTER TABLE ty ALTER COLUMN name TYPE text;
> ALTER TABLE

SELECT id FROM ty WHERE name = 'longer one';
> id
> 2

SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'ty' ORDER BY ordinal_position;
> column_name | data_type
> id | bigint
> name | text
> qty | integer
> price | numeric
> note | character varying

ALTER TABLE ty ALTER COLUMN note TYPE int;
> ERROR 42804 column "note" cannot be cast automatically to type integer

ALTER TABLE ty ALTER COLUMN qty TYPE bigint USING qty::bigint * 2;
> ALTER TABLE

SELECT id, qty FROM ty WHERE id = 2;
> id | qty
> 2 | 4

ALTER TABLE dc ALTER COLUMN nope TYPE text;
> ERROR 42703

-- One role: GRANT/REVOKE/OWNER TO accepted for it and PUBLIC; built-in extensions
GRANT SELECT, INSERT ON ty TO PUBLIC;
> GRANT

GRANT ALL PRIVILEGES ON ALL TABLES IN SCHEMA public TO CURRENT_USER, tester WITH GRANT OPTION;
> GRANT

REVOKE ALL ON ty FROM PUBLIC CASCADE;
> REVOKE

GRANT SELECT ON ty TO reporting;
> ERROR 42704 role "reporting" does not exist

ALTER TABLE ty OWNER TO tester;
> ALTER TABLE

ALTER TABLE ty OWNER TO someone_else;
> ERROR 42704

CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
> NOTICE extension "uuid-ossp" already exists, skipping
> CREATE EXTENSION

CREATE EXTENSION pgcrypto WITH SCHEMA public;
> CREATE EXTENSION

CREATE EXTENSION postgis;
> ERROR 0A000 extension "postgis" is not available

SELECT uuid_generate_v4() IS NOT NULL AS ok;
> ok
> t

-- ALTER SEQUENCE RESTART
CREATE SEQUENCE restart_me START 10;
> CREATE SEQUENCE

SELECT nextval('restart_me') AS a, nextval('restart_me') AS b;
> a | b
> 10 | 11

ALTER SEQUENCE restart_me RESTART WITH 100;
> ALTER SEQUENCE

SELECT nextval('restart_me') AS n;
> n
> 100

ALTER SEQUENCE restart_me RESTART;
> ALTER SEQUENCE

SELECT nextval('restart_me') AS n;
> n
> 10

ALTER SEQUENCE restart_me INCREMENT BY 5;
> ERROR 0A000

ALTER SEQUENCE no_such_seq RESTART;
> ERROR 42P01
