-- Slice 4: access paths (EXPLAIN), indexes, FOR UPDATE.
CREATE TABLE jobs (id int PRIMARY KEY, state text NOT NULL, priority int NOT NULL, worker text);
> CREATE TABLE

CREATE INDEX jobs_state_idx ON jobs (state, priority DESC);
> CREATE INDEX

CREATE UNIQUE INDEX jobs_worker_key ON jobs (worker) WHERE state = 'running';
> CREATE INDEX

INSERT INTO jobs SELECT g, CASE WHEN g % 3 = 0 THEN 'done' ELSE 'queued' END, g % 5, NULL FROM generate_series(1, 30) AS g;
> INSERT 0 30

EXPLAIN SELECT * FROM jobs WHERE id = 7;
> QUERY PLAN
> Index Scan using jobs_pkey on jobs
>   Index Cond: (id = 7)

EXPLAIN SELECT * FROM jobs WHERE id IN (1, 2, 3);
> QUERY PLAN
> Index Scan using jobs_pkey on jobs
>   Index Cond: (id = ANY ([1, 2, 3]))

EXPLAIN SELECT * FROM jobs WHERE id = ANY($1);
> QUERY PLAN
> Index Scan using jobs_pkey on jobs
>   Index Cond: (id = ANY ($1))

EXPLAIN SELECT * FROM jobs WHERE id > 10 AND id <= 20;
> QUERY PLAN
> Index Scan using jobs_pkey on jobs
>   Index Cond: (id > 10) AND (id <= 20)

EXPLAIN SELECT * FROM jobs WHERE state = 'queued' ORDER BY priority DESC LIMIT 3;
> QUERY PLAN
> Limit
>   ->  Index Scan using jobs_state_idx on jobs
>         Index Cond: (state = 'queued')

EXPLAIN SELECT * FROM jobs WHERE worker = 'w1' AND state = 'running';
> QUERY PLAN
> Index Scan using jobs_worker_key on jobs
>   Index Cond: (worker = 'w1')
>   Filter: (state = 'running')

EXPLAIN SELECT * FROM jobs ORDER BY id DESC LIMIT 2;
> QUERY PLAN
> Limit
>   ->  Index Scan Backward using jobs_pkey on jobs

EXPLAIN SELECT j.id, k.id FROM jobs j JOIN jobs k ON k.id = j.priority WHERE j.id < 5;
> QUERY PLAN
> Nested Loop
>   Join Filter: (id = priority)
>   ->  Index Scan using jobs_pkey on jobs j
>         Index Cond: (id < 5)
>   ->  Index Scan using jobs_pkey on jobs k
>         Index Cond: (id = priority)

EXPLAIN UPDATE jobs SET state = 'running', worker = $1 WHERE id IN (SELECT id FROM jobs WHERE state = 'queued' ORDER BY priority DESC, id LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING id;
> QUERY PLAN
> Update on jobs
>   ->  Index Scan using jobs_pkey on jobs
>         Index Cond: (id = ANY (subquery))
>         ->  Limit
>               ->  LockRows
>                     ->  Index Scan using jobs_state_idx on jobs
>                           Index Cond: (state = 'queued')

SELECT id, state FROM jobs WHERE state = 'queued' ORDER BY priority DESC, id LIMIT 3 FOR UPDATE SKIP LOCKED;
> id | state
> 4 | queued
> 14 | queued
> 19 | queued

UPDATE jobs SET state = 'running', worker = 'w1' WHERE id IN (SELECT id FROM jobs WHERE state = 'queued' ORDER BY priority DESC, id LIMIT 2 FOR UPDATE SKIP LOCKED) RETURNING id;
> ERROR 23505 duplicate key value violates unique constraint "jobs_worker_key"

UPDATE jobs SET state = 'running', worker = 'w1' WHERE id IN (SELECT id FROM jobs WHERE state = 'queued' ORDER BY priority DESC, id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id;
> id
> 4
> UPDATE 1

UPDATE jobs SET state = 'running', worker = 'w2' WHERE id IN (SELECT id FROM jobs WHERE state = 'queued' ORDER BY priority DESC, id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id;
> id
> 14
> UPDATE 1

SELECT id FROM jobs WHERE worker = 'w1' AND state = 'running' ORDER BY id;
> id
> 4

UPDATE jobs SET worker = 'w1' WHERE id = 19 AND state = 'queued';
> UPDATE 1

UPDATE jobs SET state = 'running' WHERE id = 19;
> ERROR 23505

SELECT count(*) FROM jobs WHERE state = 'queued' AND priority >= 3;
> count
> 6

SELECT id FROM jobs WHERE id = 1 FOR UPDATE NOWAIT;
> id
> 1

DELETE FROM jobs WHERE state = 'done';
> DELETE 10

SELECT count(*) FROM jobs;
> count
> 20
