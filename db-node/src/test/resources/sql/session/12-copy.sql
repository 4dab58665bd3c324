-- COPY FROM STDIN (text and CSV, defaults, escapes, errors) and COPY TO STDOUT
create table c (id int primary key, name text, price numeric(6,2), tags text default 'none');
> CREATE TABLE

copy c (id, name, price) from stdin;
1	apple	1.50
2	tab\there	\N
3	back\\slash	2
\.
> COPY 3

select id, name, price, tags from c order by id;
> id | name | price | tags
> 1 | apple | 1.50 | none
> 2 | tab	here | NULL | none
> 3 | back\slash | 2.00 | none

copy c from stdin with (format csv, header);
id,name,price,tags
4,"comma, inside",3.25,a
5,"say ""hi""",,
6,"multi
line",1,"b"
\.
> COPY 3

select id, name, price, tags, name = E'multi\nline' as multi from c where id >= 4 and id < 6 order by id;
> id | name | price | tags | multi
> 4 | comma, inside | 3.25 | a | f
> 5 | say "hi" | NULL | NULL | f

select price, tags from c where name = E'multi\nline';
> price | tags
> 1.00 | b

copy c from stdin csv header delimiter ';' null 'NULL';
id;name;price;tags
7;seven;NULL;""
\.
> COPY 1

select name, price is null, tags = '' from c where id = 7;
> name | ?column? | ?column?
> seven | t | t

copy c (id, name) from stdin;
8	ok
9	bad	extra
\.
> ERROR 22P04 extra data after last expected column

select count(*) from c where id in (8, 9);
> count
> 0

copy c (id, price) from stdin;
10	notanumber
\.
> ERROR 22P02

copy c (id) from stdin;
1
\.
> ERROR 23505

copy c (name) from stdin;
noid
\.
> ERROR 23502

copy nosuch from stdin;
\.
> ERROR 42P01

copy c (nosuch) from stdin;
\.
> ERROR 42703

copy c from stdin (format binary);
\.
> ERROR 0A000

copy c to stdout;
> 1	apple	1.50	none
> 2	tab\there	\N	none
> 3	back\\slash	2.00	none
> 4	comma, inside	3.25	a
> 5	say "hi"	\N	\N
> 6	multi\nline	1.00	b
> 7	seven	\N	
> COPY 7

copy (select id, name from c where id in (4, 5, 7) order by id) to stdout with (format csv, header true);
> id,name
> 4,"comma, inside"
> 5,"say ""hi"""
> 7,seven
> COPY 3

copy c (id, tags) to stdout csv;
> 1,none
> 2,none
> 3,none
> 4,a
> 5,
> 6,b
> 7,""
> COPY 7

-- a table without primary key gets hidden row ids
create table loose (a int, b text);
> CREATE TABLE

copy loose from stdin;
1	x
1	x
2	\N
\.
> COPY 3

select a, b from loose order by a, b;
> a | b
> 1 | x
> 1 | x
> 2 | NULL

-- COPY inside a block is part of it
begin;
> BEGIN

copy loose from stdin;
9	nine
\.
> COPY 1

rollback;
> ROLLBACK

select count(*) from loose where a = 9;
> count
> 0
