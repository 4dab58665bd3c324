-- Expressions client catalog queries use (psql, pgJDBC): see resources/catalog-queries.
CREATE TABLE keyed (id serial PRIMARY KEY, a int, b text);
> CREATE TABLE

INSERT INTO keyed (a, b) VALUES (1, 'x'), (2, 'y');
> INSERT 0 2

SELECT id, a FROM keyed ORDER BY id;
> id | a
> 1 | 1
> 2 | 2

CREATE INDEX keyed_b_a ON keyed (b DESC, a);
> CREATE INDEX

SELECT CASE WHEN a = 1 THEN NULL ELSE a END AS c FROM keyed ORDER BY id;
> c
> NULL
> 2

SELECT column1 FROM (VALUES (NULL), (7)) v ORDER BY 1;
> column1
> 7
> NULL

SELECT 6 & 3 AS band, 6 | 3 AS bor, 3::smallint & 1::smallint AS small;
> band | bor | small
> 2 | 7 | 1

SELECT x, n FROM information_schema._pg_expandarray(ARRAY[10, 20]) ORDER BY n;
> x | n
> 10 | 1
> 20 | 2

SELECT (information_schema._pg_expandarray(ARRAY['p', 'q'])).n AS pos, information_schema._pg_expandarray(ARRAY['p', 'q']) AS k;
> pos | k.x | k.n
> 1 | p | 1
> 2 | q | 2

SELECT s.pos, (s.k).x AS elem FROM (SELECT (information_schema._pg_expandarray(ARRAY['p', 'q'])).n AS pos, information_schema._pg_expandarray(ARRAY['p', 'q']) AS k) s WHERE (s.k).x = 'q';
> pos | elem
> 2 | q

SELECT i.indkey[0] AS first_key, i.indoption[0] & 1 AS first_desc, i.indoption[1] AS second_option, i.indkey[2] AS beyond FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'keyed_b_a';
> first_key | first_desc | second_option | beyond
> 3 | 1 | 0 | NULL

SELECT 1 AS "a quoted alias that is long enough to be cut by a 64 character prefix";
> a quoted alias that is long enough to be cut by a 64 character prefix
> 1

-- position(substring IN string) is strpos(string, substring)
SELECT position('l' IN 'hello') AS p, position('lo' IN 'hello') AS q, position('z' IN 'hello') AS r, strpos('hello', 'l') AS s;
> p | q | r | s
> 3 | 4 | 0 | 3
