-- Transaction blocks, savepoints, the failed state, read-only transactions
create table acct (id int primary key, bal int not null);
> CREATE TABLE

insert into acct values (1, 100), (2, 0);
> INSERT 0 2

begin;
> BEGIN

update acct set bal = bal - 10 where id = 1;
> UPDATE 1

update acct set bal = bal + 10 where id = 2;
> UPDATE 1

commit;
> COMMIT

select id, bal from acct order by id;
> id | bal
> 1 | 90
> 2 | 10

start transaction;
> BEGIN

delete from acct;
> DELETE 2

rollback;
> ROLLBACK

select count(*) from acct;
> count
> 2

begin;
> BEGIN

insert into acct values (3, 3);
> INSERT 0 1

savepoint s1;
> SAVEPOINT

insert into acct values (4, 4);
> INSERT 0 1

rollback to savepoint s1;
> ROLLBACK

insert into acct values (5, 5);
> INSERT 0 1

savepoint s2;
> SAVEPOINT

release savepoint s2;
> RELEASE

rollback to s2;
> ERROR 3B001 savepoint "s2" does not exist

rollback to s1;
> ROLLBACK

insert into acct values (6, 6);
> INSERT 0 1

end;
> COMMIT

select id from acct order by id;
> id
> 1
> 2
> 3
> 6

-- an error puts the block in the failed state; ROLLBACK TO recovers it
begin;
> BEGIN

savepoint before_error;
> SAVEPOINT

insert into acct values (1, 1);
> ERROR 23505

select 1;
> ERROR 25P02 current transaction is aborted, commands ignored until end of transaction block

savepoint nope;
> ERROR 25P02

rollback to before_error;
> ROLLBACK

insert into acct values (7, 7);
> INSERT 0 1

commit;
> COMMIT

begin;
> BEGIN

select 1/0;
> ERROR 22012

commit;
> ROLLBACK

select count(*) from acct where id = 7;
> count
> 1

savepoint outside;
> ERROR 25P01

commit;
> NOTICE there is no transaction in progress
> COMMIT

begin;
> BEGIN

begin;
> NOTICE there is already a transaction in progress
> BEGIN

abort;
> ROLLBACK

-- read-only transactions
begin read only;
> BEGIN

show transaction_read_only;
> transaction_read_only
> on

select count(*) from acct;
> count
> 5

insert into acct values (8, 8);
> ERROR 25006

rollback;
> ROLLBACK

show transaction_read_only;
> transaction_read_only
> off

begin isolation level repeatable read;
> BEGIN

show transaction isolation level;
> transaction_isolation
> repeatable read

commit;
> COMMIT

show transaction_isolation;
> transaction_isolation
> read committed

set session characteristics as transaction read only;
> SET

insert into acct values (8, 8);
> ERROR 25006

create table ro (a int);
> ERROR 25006

set session characteristics as transaction read write;
> SET

begin;
> BEGIN

set transaction read only;
> SET

delete from acct;
> ERROR 25006

rollback;
> ROLLBACK

-- ROLLBACK undoes a CREATE; a DROP in a block says it is committed already
begin;
> BEGIN

create table made_in_block (a int);
> CREATE TABLE

rollback;
> ROLLBACK

select count(*) from made_in_block;
> ERROR 42P01

create table dropped_in_block (a int);
> CREATE TABLE

begin;
> BEGIN

insert into dropped_in_block values (1);
> INSERT 0 1

drop table dropped_in_block;
> DROP TABLE

rollback;
> ROLLBACK

-- DROP TABLE in a block is transactional: rolled back, the table and its committed rows are whole
select count(*) from dropped_in_block;
> count
> 0

insert into dropped_in_block values (2);
> INSERT 0 1

begin;
> BEGIN

drop table dropped_in_block;
> DROP TABLE

commit;
> COMMIT

select count(*) from dropped_in_block;
> ERROR 42P01 relation "dropped_in_block" does not exist

-- SET inside a block is undone by ROLLBACK; SET LOCAL at the block's end
begin;
> BEGIN

set application_name = 'inblock';
> SET

rollback;
> ROLLBACK

show application_name;
> application_name
> fixture

begin;
> BEGIN

set local application_name = 'local';
> SET

show application_name;
> application_name
> local

commit;
> COMMIT

show application_name;
> application_name
> fixture

-- NOTIFY / LISTEN are accepted statements
listen jobs;
> LISTEN

notify jobs, 'hello';
> NOTIFY

select pg_notify('jobs', 'x');
> pg_notify
> NULL

unlisten *;
> UNLISTEN

-- SQL-level prepared statements
prepare getbal (int) as select bal from acct where id = $1;
> PREPARE

execute getbal(1);
> bal
> 90

execute getbal(2 + 0);
> bal
> 10

prepare getbal as select 1;
> ERROR 42P05

deallocate getbal;
> DEALLOCATE

execute getbal(1);
> ERROR 26000

prepare ins (int, int) as insert into acct values ($1, $2);
> PREPARE

execute ins(20, 20);
> INSERT 0 1

deallocate all;
> DEALLOCATE ALL

discard all;
> DISCARD ALL

vacuum acct;
> VACUUM

analyze acct;
> ANALYZE

checkpoint;
> CHECKPOINT

explain select * from acct where id = 1;
> QUERY PLAN
> Index Scan using acct_pkey on acct
>   Index Cond: (id = 1)
