-- CHECK constraints: column and table level, named and derived names, NULL passes, all insert paths
create table prices (id int primary key, amount numeric check (amount > 0), low int, high int, constraint range_ok check (low <= high), check (low > -100 and high < 1000));
> CREATE TABLE

select conname, contype, conkey, conbin from pg_constraint where conrelid = (select oid from pg_class where relname = 'prices') order by conname;
> conname | contype | conkey | conbin
> prices_amount_check | c | {2} | amount > 0
> prices_check | c | {3,4} | low > -100 AND high < 1000
> prices_pkey | p | {1} | NULL
> range_ok | c | {3,4} | low <= high

select relchecks, relhastriggers from pg_class where relname = 'prices';
> relchecks | relhastriggers
> 3 | f

insert into prices values (1, 10, 1, 2);
> INSERT 0 1

insert into prices values (2, null, null, null);
> INSERT 0 1

insert into prices values (3, -1, 1, 2);
> ERROR 23514 new row for relation "prices" violates check constraint "prices_amount_check"

insert into prices values (3, 5, 3, 2);
> ERROR 23514 new row for relation "prices" violates check constraint "range_ok"

insert into prices select 4, 0, 1, 1;
> ERROR 23514 new row for relation "prices" violates check constraint "prices_amount_check"

update prices set low = 5 where id = 1;
> ERROR 23514 new row for relation "prices" violates check constraint "range_ok"

update prices set low = 2 where id = 1;
> UPDATE 1

insert into prices values (1, 1, 1, 1) on conflict (id) do update set amount = -5;
> ERROR 23514 new row for relation "prices" violates check constraint "prices_amount_check"

copy prices from stdin;
5	1	1	1
6	-3	1	1
\.
> ERROR 23514 new row for relation "prices" violates check constraint "prices_amount_check"

select count(*) from prices;
> count
> 2

alter table prices add constraint amount_small check (amount < 5);
> ERROR 23514 check constraint "amount_small" of relation "prices" is violated by some row

alter table prices add constraint amount_small check (amount < 50);
> ALTER TABLE

insert into prices values (7, 60, 1, 1);
> ERROR 23514 new row for relation "prices" violates check constraint "amount_small"

alter table prices drop constraint amount_small;
> ALTER TABLE

insert into prices values (7, 60, 1, 1);
> INSERT 0 1

alter table prices drop constraint nosuch;
> ERROR 42704

create table badcheck (a int check (a + 1));
> ERROR 42804

create table badcheck (a int check (b > 0));
> ERROR 42703

-- FOREIGN KEY: parent key must exist, NULL passes, actions on the parent side
create table parent (id int primary key, code text unique, name text);
> CREATE TABLE

create table child (id int primary key, p_id int references parent(id), note text);
> CREATE TABLE

insert into parent values (1, 'a', 'one'), (2, 'b', 'two');
> INSERT 0 2

insert into child values (10, 1, 'x'), (11, null, 'no parent');
> INSERT 0 2

insert into child values (12, 5, 'bad');
> ERROR 23503 insert or update on table "child" violates foreign key constraint "child_p_id_fkey"

update child set p_id = 7 where id = 10;
> ERROR 23503 insert or update on table "child" violates foreign key constraint "child_p_id_fkey"

delete from parent where id = 1;
> ERROR 23503 update or delete on table "parent" violates foreign key constraint "child_p_id_fkey" on table "child"

update parent set id = 3 where id = 1;
> ERROR 23503 update or delete on table "parent" violates foreign key constraint "child_p_id_fkey" on table "child"

update parent set name = 'uno' where id = 1;
> UPDATE 1

delete from parent where id = 2;
> DELETE 1

copy child from stdin;
13	1	ok
14	9	bad
\.
> ERROR 23503 insert or update on table "child" violates foreign key constraint "child_p_id_fkey"

create table nokey (a int);
> CREATE TABLE

create table badref (a int references nokey);
> ERROR 42830 there is no primary key for referenced table "nokey"

create table badref (a int references parent(name));
> ERROR 42830 there is no unique constraint matching given keys for referenced table "parent"

create table badref (a int references parent(code));
> ERROR 42804

create table bycode (id int primary key, code text, foreign key (code) references parent (code) on delete cascade on update cascade);
> CREATE TABLE

insert into parent values (4, 'd', 'four');
> INSERT 0 1

insert into bycode values (1, 'd'), (2, 'd'), (3, null);
> INSERT 0 3

update parent set code = 'dd' where id = 4;
> UPDATE 1

select id, code from bycode order by id;
> id | code
> 1 | dd
> 2 | dd
> 3 | NULL

delete from parent where id = 4;
> DELETE 1

select id, code from bycode order by id;
> id | code
> 3 | NULL

create table setnull (id int primary key, p int, constraint sn_fk foreign key (p) references parent on delete set null);
> CREATE TABLE

insert into parent values (5, 'e', 'five');
> INSERT 0 1

insert into setnull values (1, 5);
> INSERT 0 1

delete from parent where id = 5;
> DELETE 1

select id, p from setnull;
> id | p
> 1 | NULL

-- a self-referencing table: a statement may insert a child before its parent, and delete a whole tree
create table emp (id int primary key, boss int references emp(id) on delete cascade);
> CREATE TABLE

insert into emp values (2, 1), (1, null), (3, 2);
> INSERT 0 3

delete from emp where id = 1;
> DELETE 1

select count(*) from emp;
> count
> 0

select c.conname, c.confupdtype, c.confdeltype, c.conkey, c.confkey, r.relname as child, f.relname as parent, i.relname as index from pg_constraint c join pg_class r on r.oid = c.conrelid join pg_class f on f.oid = c.confrelid join pg_class i on i.oid = c.conindid where c.contype = 'f' order by c.conname;
> conname | confupdtype | confdeltype | conkey | confkey | child | parent | index
> bycode_code_fkey | c | c | {2} | {2} | bycode | parent | parent_code_key
> child_p_id_fkey | a | a | {2} | {1} | child | parent | parent_pkey
> emp_boss_fkey | a | c | {2} | {1} | emp | emp | emp_pkey
> sn_fk | a | n | {2} | {1} | setnull | parent | parent_pkey

select relname, relhastriggers from pg_class where relname in ('parent', 'child', 'prices') order by relname;
> relname | relhastriggers
> child | t
> parent | t
> prices | f

-- ALTER TABLE ADD FOREIGN KEY validates existing rows
create table late (id int primary key, p int);
> CREATE TABLE

insert into late values (1, 1), (2, 42);
> INSERT 0 2

alter table late add foreign key (p) references parent (id);
> ERROR 23503 insert or update on table "late" violates foreign key constraint "late_p_fkey"

delete from late where id = 2;
> DELETE 1

alter table late add foreign key (p) references parent (id);
> ALTER TABLE

-- TRUNCATE and DROP of a referenced table
truncate parent;
> ERROR 0A000 cannot truncate a table referenced in a foreign key constraint

truncate parent, child, bycode, setnull, late;
> TRUNCATE TABLE

drop table parent;
> ERROR 2BP01 cannot drop table parent because other objects depend on it

drop table bycode, setnull, late;
> DROP TABLE

drop table parent cascade;
> NOTICE drop cascades to constraint child_p_id_fkey on table child
> DROP TABLE

insert into child values (20, 99, 'parent gone');
> INSERT 0 1
