-- Slice 2: expressions, WHERE, ORDER BY, LIMIT, aggregates, set operations.
CREATE TABLE emp (id int PRIMARY KEY, name text NOT NULL, dept text, salary int, hired date, active boolean DEFAULT true);
> CREATE TABLE

INSERT INTO emp VALUES (1, 'ann', 'eng', 100, '2020-01-15', true), (2, 'bob', 'eng', 80, '2021-03-01', true), (3, 'cid', 'ops', 60, '2019-07-30', false), (4, 'dee', NULL, 90, NULL, true), (5, 'eve', 'ops', NULL, '2022-12-24', true);
> INSERT 0 5

SELECT name FROM emp WHERE salary > 70 AND active ORDER BY salary DESC;
> name
> ann
> dee
> bob

SELECT name FROM emp WHERE dept IS NULL OR salary IS NULL ORDER BY 1;
> name
> dee
> eve

SELECT name, salary FROM emp ORDER BY salary NULLS FIRST, name LIMIT 3;
> name | salary
> eve | NULL
> cid | 60
> bob | 80

SELECT name FROM emp ORDER BY id LIMIT 2 OFFSET 1;
> name
> bob
> cid

SELECT name FROM emp ORDER BY id DESC FETCH FIRST 2 ROWS ONLY;
> name
> eve
> dee

SELECT name FROM emp WHERE name LIKE '_e%' ORDER BY name;
> name
> dee

SELECT name FROM emp WHERE name ILIKE 'A%';
> name
> ann

SELECT name FROM emp WHERE id IN (1, 3, 99) ORDER BY id;
> name
> ann
> cid

SELECT name FROM emp WHERE id NOT IN (1, 2, 3) ORDER BY id;
> name
> dee
> eve

SELECT name FROM emp WHERE salary BETWEEN 60 AND 90 ORDER BY salary;
> name
> cid
> bob
> dee

SELECT id, CASE WHEN salary >= 90 THEN 'high' WHEN salary >= 70 THEN 'mid' ELSE 'low' END AS band FROM emp ORDER BY id;
> id | band
> 1 | high
> 2 | mid
> 3 | low
> 4 | high
> 5 | low

SELECT COALESCE(dept, 'none') AS d, NULLIF(salary, 80) AS s FROM emp WHERE id IN (2, 4) ORDER BY id;
> d | s
> eng | NULL
> none | 90

SELECT 1 + 2 * 3 AS a, 7 / 2 AS b, 7 % 3 AS c, 2 ^ 3 AS d, 'x' || 'y' AS e, -5 AS f;
> a | b | c | d | e | f
> 7 | 3 | 1 | 8 | xy | -5

SELECT '42'::int + 1 AS a, CAST('2.50' AS numeric(5,2)) AS b, 10::text AS c;
> a | b | c
> 43 | 2.50 | 10

SELECT dept IS NOT DISTINCT FROM NULL AS a FROM emp WHERE id = 4;
> a
> t

SELECT EXTRACT(YEAR FROM hired) AS y FROM emp WHERE id = 1;
> y
> 2020

SELECT count(*), count(dept), count(DISTINCT dept), sum(salary), min(salary), max(name) FROM emp;
> count | count | count | sum | min | max
> 5 | 4 | 2 | 330 | 60 | eve

SELECT avg(salary) AS a FROM emp WHERE dept = 'eng';
> a
> 90.0000000000000000

SELECT dept, count(*) AS n, sum(salary) AS total FROM emp GROUP BY dept ORDER BY dept NULLS LAST;
> dept | n | total
> eng | 2 | 180
> ops | 2 | 60
> NULL | 1 | 90

SELECT dept, count(*) FROM emp GROUP BY 1 HAVING count(*) > 1 ORDER BY 1;
> dept | count
> eng | 2
> ops | 2

SELECT string_agg(name, ',' ORDER BY name) AS names, bool_and(active) AS all_active, bool_or(active) AS any_active FROM emp;
> names | all_active | any_active
> ann,bob,cid,dee,eve | f | t

SELECT array_agg(id ORDER BY id DESC) AS ids FROM emp WHERE dept = 'ops';
> ids
> {5,3}

SELECT count(*) FROM emp WHERE false;
> count
> 0

SELECT name, dept FROM emp GROUP BY dept;
> ERROR 42803

SELECT DISTINCT dept FROM emp WHERE dept IS NOT NULL ORDER BY dept;
> dept
> eng
> ops

SELECT 1 AS x UNION SELECT 2 UNION SELECT 1 ORDER BY 1;
> x
> 1
> 2

SELECT 1 AS x UNION ALL SELECT 1;
> x
> 1
> 1

SELECT id FROM emp INTERSECT SELECT 2 ORDER BY 1;
> id
> 2

SELECT id FROM emp EXCEPT SELECT id FROM emp WHERE id > 2 ORDER BY 1;
> id
> 1
> 2

VALUES (1, 'a'), (2, 'b');
> column1 | column2
> 1 | a
> 2 | b

SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(n, s) WHERE n = 2;
> n | s
> 2 | b

SELECT g FROM generate_series(1, 4) AS g WHERE g % 2 = 0;
> g
> 2
> 4

SELECT x FROM generate_series(1, 10, 3) AS s(x);
> x
> 1
> 4
> 7
> 10

WITH top AS (SELECT name, salary FROM emp WHERE salary IS NOT NULL ORDER BY salary DESC LIMIT 2) SELECT name FROM top ORDER BY name;
> name
> ann
> dee

SELECT 5 / 0;
> ERROR 22012

SELECT 'abc'::int;
> ERROR 22P02

SELECT lower(name) || '!' AS shout FROM emp WHERE id = 1;
> shout
> ann!

SELECT name FROM emp WHERE name ~ '^[ab]' ORDER BY 1;
> name
> ann
> bob

SELECT count(*) FROM emp WHERE hired >= DATE '2021-01-01';
> count
> 2

SELECT e.name, o.n FROM emp e CROSS JOIN LATERAL (SELECT e.salary * 2 AS n) AS o WHERE e.id <= 2 ORDER BY e.id;
> name | n
> ann | 200
> bob | 160

SELECT e.id, x FROM emp e, unnest(ARRAY[e.id, e.id * 10]) AS x WHERE e.id < 3 ORDER BY 1, 2;
> id | x
> 1 | 1
> 1 | 10
> 2 | 2
> 2 | 20

SELECT trim(both ' ' from '  a  ') AS t, (ARRAY[10, 20, 30])[2] AS second, ARRAY(SELECT id FROM emp WHERE id < 3 ORDER BY id) AS ids;
> t | second | ids
> a | 20 | {1,2}

SELECT '{"a": {"b": 5}}'::jsonb -> 'a' ->> 'b' AS v, '{"k": 1}'::jsonb ? 'k' AS has;
> v | has
> 5 | t

SELECT id FROM emp WHERE (dept, id) > ('eng', 1) AND dept IS NOT NULL ORDER BY id;
> id
> 2
> 3
> 5

SELECT pg_catalog.count(*) AS n FROM emp;
> n
> 5

SELECT DISTINCT ON (dept) dept, name, salary FROM emp WHERE dept IS NOT NULL ORDER BY dept, salary DESC;
> dept | name | salary
> eng | ann | 100
> ops | eve | NULL

SELECT id, dept, row_number() OVER (PARTITION BY dept ORDER BY id DESC) AS rn, count(*) OVER () AS total, sum(salary) OVER (ORDER BY id) AS running FROM emp ORDER BY id;
> id | dept | rn | total | running
> 1 | eng | 2 | 5 | 100
> 2 | eng | 1 | 5 | 180
> 3 | ops | 2 | 5 | 240
> 4 | NULL | 1 | 5 | 330
> 5 | ops | 1 | 5 | 330

SELECT name, rank() OVER (ORDER BY active), lag(name) OVER (ORDER BY id) AS prev FROM emp WHERE id < 4 ORDER BY id;
> name | rank | prev
> ann | 2 | NULL
> bob | 2 | ann
> cid | 1 | bob

SELECT generate_series(1, 3) AS n;
> n
> 1
> 2
> 3

SELECT id, unnest(ARRAY['a', 'b']) AS tag FROM emp WHERE id = 1 ORDER BY tag;
> id | tag
> 1 | a
> 1 | b

WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10) SELECT sum(n) FROM r;
> sum
> 55

WITH RECURSIVE chain AS (SELECT id, salary FROM emp WHERE id = 1 UNION SELECT e.id, e.salary FROM emp e JOIN chain c ON e.id = c.id + 1) SELECT count(*) FROM chain;
> count
> 5
