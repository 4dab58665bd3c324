-- A pgmq-shaped implementation for PostgreSQL 15, written for the differential test (the pgmq
-- extension is not packaged here): the same functions, arguments, result columns, limits and
-- SQLSTATEs as TableOS's pgmq module, over pgmq's own layout (a table pgmq.q_<name> and
-- pgmq.a_<name> per queue). Installed whole by the test; statements are separated by lines
-- holding only "--;;".
DROP SCHEMA IF EXISTS pgmq CASCADE;
--;;
CREATE SCHEMA pgmq;
--;;
CREATE TYPE pgmq.message_record AS (msg_id bigint, read_ct int, enqueued_at timestamptz, vt timestamptz, message jsonb, headers jsonb);
--;;
CREATE TABLE pgmq.meta (queue_name text PRIMARY KEY, is_partitioned boolean NOT NULL, is_unlogged boolean NOT NULL,
    created_at timestamptz NOT NULL, dead_letter_queue text, max_read_ct int);
--;;
CREATE FUNCTION pgmq._name(name text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE n text := lower(name);
BEGIN
    IF name IS NULL THEN RAISE EXCEPTION 'queue_name must not be null' USING ERRCODE = '22023'; END IF;
    IF length(n) > 47 THEN RAISE EXCEPTION 'queue name is too long, maximum length is 47 characters' USING ERRCODE = '22023'; END IF;
    IF n !~ '^[a-z_][a-z0-9_]*$' THEN RAISE EXCEPTION 'queue name "%" is not a valid identifier', n USING ERRCODE = '22023'; END IF;
    RETURN n;
END $$;
--;;
CREATE FUNCTION pgmq._require(n text) RETURNS pgmq.meta LANGUAGE plpgsql AS $$
DECLARE m pgmq.meta;
BEGIN
    SELECT * INTO m FROM pgmq.meta WHERE meta.queue_name = n;
    IF NOT FOUND THEN RAISE EXCEPTION 'relation "pgmq.q_%" does not exist', n USING ERRCODE = '42P01'; END IF;
    RETURN m;
END $$;
--;;
CREATE FUNCTION pgmq._check_seconds(s int, what text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF s IS NULL THEN RAISE EXCEPTION '% must not be null', what USING ERRCODE = '22023'; END IF;
    IF s < -315360000 OR s > 315360000 THEN RAISE EXCEPTION '% must be within 315360000 seconds', what USING ERRCODE = '22023'; END IF;
END $$;
--;;
CREATE FUNCTION pgmq._check_qty(qty int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF qty IS NULL OR qty < 1 OR qty > 10000 THEN RAISE EXCEPTION 'qty must be 1 to 10000' USING ERRCODE = '22023'; END IF;
END $$;
--;;
CREATE FUNCTION pgmq._check_size(j jsonb, what text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF j IS NOT NULL AND octet_length(j::text) > 33554432 THEN
        RAISE EXCEPTION '% is larger than 33554432 bytes', what USING ERRCODE = '54000';
    END IF;
END $$;
--;;
CREATE FUNCTION pgmq.create(queue_name text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE n text := pgmq._name(queue_name);
BEGIN
    IF EXISTS (SELECT 1 FROM pgmq.meta m WHERE m.queue_name = n) THEN RETURN; END IF;
    EXECUTE format('CREATE TABLE pgmq.%I (msg_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, read_ct int NOT NULL DEFAULT 0,'
        ' enqueued_at timestamptz NOT NULL DEFAULT now(), vt timestamptz NOT NULL, message jsonb, headers jsonb)', 'q_' || n);
    EXECUTE format('CREATE INDEX ON pgmq.%I (vt)', 'q_' || n);
    EXECUTE format('CREATE TABLE pgmq.%I (msg_id bigint PRIMARY KEY, read_ct int NOT NULL, enqueued_at timestamptz NOT NULL,'
        ' archived_at timestamptz NOT NULL DEFAULT now(), vt timestamptz NOT NULL, message jsonb, headers jsonb)', 'a_' || n);
    INSERT INTO pgmq.meta VALUES (n, false, false, now(), NULL, NULL);
END $$;
--;;
CREATE FUNCTION pgmq.drop_queue(queue_name text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE n text := pgmq._name(queue_name);
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pgmq.meta m WHERE m.queue_name = n) THEN RETURN false; END IF;
    EXECUTE format('DROP TABLE pgmq.%I', 'q_' || n);
    EXECUTE format('DROP TABLE pgmq.%I', 'a_' || n);
    UPDATE pgmq.meta m SET dead_letter_queue = NULL, max_read_ct = NULL WHERE m.dead_letter_queue = n;
    DELETE FROM pgmq.meta m WHERE m.queue_name = n;
    RETURN true;
END $$;
--;;
CREATE FUNCTION pgmq.purge_queue(queue_name text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n text := pgmq._name(queue_name); deleted bigint;
BEGIN
    PERFORM pgmq._require(n);
    EXECUTE format('WITH d AS (DELETE FROM pgmq.%I RETURNING 1) SELECT count(*) FROM d', 'q_' || n) INTO deleted;
    RETURN deleted;
END $$;
--;;
CREATE FUNCTION pgmq.list_queues() RETURNS TABLE (queue_name text, is_partitioned boolean, is_unlogged boolean, created_at timestamptz)
LANGUAGE sql AS $$ SELECT m.queue_name, m.is_partitioned, m.is_unlogged, m.created_at FROM pgmq.meta m ORDER BY m.queue_name $$;
--;;
CREATE TYPE pgmq.metrics_result AS (queue_name text, queue_length bigint, newest_msg_age_sec int,
    oldest_msg_age_sec int, total_messages bigint, scrape_time timestamptz, queue_visible_length bigint);
--;;
CREATE FUNCTION pgmq.metrics(queue_name text) RETURNS pgmq.metrics_result LANGUAGE plpgsql AS $$
DECLARE n text := pgmq._name($1); total bigint; result pgmq.metrics_result;
BEGIN
    PERFORM pgmq._require(n);
    total := coalesce((SELECT s.last_value FROM pg_sequences s WHERE s.schemaname = 'pgmq' AND s.sequencename = 'q_' || n || '_msg_id_seq'), 0);
    EXECUTE format('SELECT $1, count(*), extract(epoch FROM now() - max(enqueued_at))::int,'
        ' extract(epoch FROM now() - min(enqueued_at))::int, $2, now(), count(*) FILTER (WHERE vt <= now()) FROM pgmq.%I', 'q_' || n)
        INTO result USING n, total;
    RETURN result;
END $$;
--;;
CREATE FUNCTION pgmq.set_dead_letter_queue(queue_name text, dead_letter_queue text, max_read_ct int DEFAULT 5) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE n text := pgmq._name($1); d text := CASE WHEN $2 IS NULL THEN NULL ELSE pgmq._name($2) END;
BEGIN
    PERFORM pgmq._require(n);
    IF d IS NOT NULL THEN
        PERFORM pgmq._require(d);
        IF d = n THEN RAISE EXCEPTION 'a queue cannot be its own dead-letter queue' USING ERRCODE = '22023'; END IF;
        IF $3 IS NULL OR $3 < 1 THEN RAISE EXCEPTION 'max_read_ct must be at least 1' USING ERRCODE = '22023'; END IF;
    END IF;
    UPDATE pgmq.meta m SET dead_letter_queue = d, max_read_ct = CASE WHEN d IS NULL THEN NULL ELSE $3 END WHERE m.queue_name = n;
END $$;
--;;
CREATE FUNCTION pgmq._send(n text, msgs jsonb[], headers jsonb[], delay int) RETURNS SETOF bigint LANGUAGE plpgsql AS $$
DECLARE i int; id bigint;
BEGIN
    PERFORM pgmq._check_seconds(delay, 'delay');
    IF msgs IS NULL THEN RETURN; END IF;
    IF cardinality(msgs) > 10000 THEN RAISE EXCEPTION 'send_batch takes at most 10000 messages' USING ERRCODE = '54000'; END IF;
    IF headers IS NOT NULL AND cardinality(headers) <> cardinality(msgs) THEN
        RAISE EXCEPTION 'headers must have one element per message: % for %', cardinality(headers), cardinality(msgs) USING ERRCODE = '22023';
    END IF;
    FOR i IN 1 .. coalesce(array_length(msgs, 1), 0) LOOP
        PERFORM pgmq._check_size(msgs[i], 'message');
        PERFORM pgmq._check_size(headers[i], 'headers');
    END LOOP;
    PERFORM pgmq._require(n);
    FOR i IN 1 .. coalesce(array_length(msgs, 1), 0) LOOP
        EXECUTE format('INSERT INTO pgmq.%I (vt, message, headers) VALUES (now() + make_interval(secs => $1), $2, $3) RETURNING msg_id',
            'q_' || n) INTO id USING delay, msgs[i], headers[i];
        RETURN NEXT id;
    END LOOP;
END $$;
--;;
CREATE FUNCTION pgmq.send(queue_name text, msg jsonb, delay int DEFAULT 0) RETURNS SETOF bigint LANGUAGE sql AS $$
    SELECT pgmq._send(pgmq._name($1), ARRAY[$2], NULL, $3) $$;
--;;
CREATE FUNCTION pgmq.send(queue_name text, msg jsonb, headers jsonb, delay int DEFAULT 0) RETURNS SETOF bigint LANGUAGE sql AS $$
    SELECT pgmq._send(pgmq._name($1), ARRAY[$2], ARRAY[$3], $4) $$;
--;;
CREATE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[], delay int DEFAULT 0) RETURNS SETOF bigint LANGUAGE sql AS $$
    SELECT pgmq._send(pgmq._name($1), $2, NULL, $3) $$;
--;;
CREATE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[], headers jsonb[], delay int DEFAULT 0) RETURNS SETOF bigint
LANGUAGE sql AS $$ SELECT pgmq._send(pgmq._name($1), $2, $3, $4) $$;
--;;
CREATE FUNCTION pgmq._dead_letter(m pgmq.meta, id bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE body jsonb; hdr jsonb;
BEGIN
    EXECUTE format('DELETE FROM pgmq.%I WHERE msg_id = $1 RETURNING message, headers', 'q_' || m.queue_name) INTO body, hdr USING id;
    PERFORM pgmq._send(m.dead_letter_queue, ARRAY[body],
        ARRAY[coalesce(hdr, '{}'::jsonb) || jsonb_build_object('x-pgmq-dead-letter-from', m.queue_name, 'x-pgmq-dead-letter-msg-id', id)], 0);
END $$;
--;;
CREATE FUNCTION pgmq._read(n text, vt int, qty int, conditional jsonb, grouped boolean) RETURNS SETOF pgmq.message_record
LANGUAGE plpgsql AS $$
DECLARE m pgmq.meta := pgmq._require(n); r record; taken int := 0; moves int := 0; res pgmq.message_record;
    groups text[] := '{}'; g text; head bigint; chars bigint := 0;
BEGIN
    PERFORM pgmq._check_seconds(vt, 'vt');
    PERFORM pgmq._check_qty(qty);
    FOR r IN EXECUTE format('SELECT msg_id, read_ct, headers ->> ''x-pgmq-group'' AS grp FROM pgmq.%I WHERE vt <= clock_timestamp()'
            ' AND ($1 = ''{}''::jsonb OR message @> $1) ORDER BY msg_id LIMIT $2 FOR UPDATE SKIP LOCKED', 'q_' || n)
            USING coalesce(conditional, '{}'::jsonb),
                  CASE WHEN grouped THEN 10000 ELSE qty + CASE WHEN m.dead_letter_queue IS NULL THEN 0 ELSE 1000 END END LOOP
        EXIT WHEN taken = qty OR chars >= 16777216;
        IF m.dead_letter_queue IS NOT NULL AND r.read_ct >= m.max_read_ct THEN
            moves := moves + 1;
            IF moves <= 1000 THEN PERFORM pgmq._dead_letter(m, r.msg_id); END IF;
            CONTINUE;
        END IF;
        IF grouped THEN
            g := CASE WHEN r.grp IS NULL THEN '' ELSE 'g:' || r.grp END;
            CONTINUE WHEN g = ANY (groups);
            groups := groups || g;
            EXECUTE format('SELECT min(msg_id) FROM pgmq.%I WHERE (headers ->> ''x-pgmq-group'') IS NOT DISTINCT FROM $1', 'q_' || n)
                INTO head USING r.grp;
            CONTINUE WHEN head <> r.msg_id;
        END IF;
        EXECUTE format('UPDATE pgmq.%I SET vt = clock_timestamp() + make_interval(secs => $2), read_ct = read_ct + 1 WHERE msg_id = $1'
            ' RETURNING msg_id, read_ct, enqueued_at, vt, message, headers', 'q_' || n) INTO res USING r.msg_id, vt;
        taken := taken + 1;
        chars := chars + coalesce(length(res.message::text), 0) + coalesce(length(res.headers::text), 0);
        RETURN NEXT res;
    END LOOP;
END $$;
--;;
CREATE FUNCTION pgmq.read(queue_name text, vt int, qty int, conditional jsonb DEFAULT '{}') RETURNS SETOF pgmq.message_record
LANGUAGE sql AS $$ SELECT * FROM pgmq._read(pgmq._name($1), $2, $3, $4, false) $$;
--;;
CREATE FUNCTION pgmq.read_grouped(queue_name text, vt int, qty int) RETURNS SETOF pgmq.message_record
LANGUAGE sql AS $$ SELECT * FROM pgmq._read(pgmq._name($1), $2, $3, '{}', true) $$;
--;;
CREATE FUNCTION pgmq.read_with_poll(queue_name text, vt int, qty int, max_poll_seconds int DEFAULT 5, poll_interval_ms int DEFAULT 100,
    conditional jsonb DEFAULT '{}') RETURNS SETOF pgmq.message_record LANGUAGE plpgsql AS $$
DECLARE stop_at timestamptz := clock_timestamp() + make_interval(secs => coalesce(max_poll_seconds, 0)); found_any boolean;
    r pgmq.message_record;
BEGIN
    LOOP
        found_any := false;
        FOR r IN SELECT * FROM pgmq._read(pgmq._name(queue_name), vt, qty, conditional, false) LOOP
            found_any := true;
            RETURN NEXT r;
        END LOOP;
        EXIT WHEN found_any OR clock_timestamp() >= stop_at;
        PERFORM pg_sleep(poll_interval_ms / 1000.0);
    END LOOP;
END $$;
--;;
CREATE FUNCTION pgmq.pop(queue_name text, qty int DEFAULT 1) RETURNS SETOF pgmq.message_record LANGUAGE plpgsql AS $$
DECLARE n text := pgmq._name(queue_name);
BEGIN
    PERFORM pgmq._require(n);
    PERFORM pgmq._check_qty(qty);
    RETURN QUERY EXECUTE format('DELETE FROM pgmq.%1$I WHERE msg_id IN (SELECT msg_id FROM pgmq.%1$I WHERE vt <= clock_timestamp()'
        ' ORDER BY msg_id LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING msg_id, read_ct, enqueued_at, vt, message, headers', 'q_' || n)
        USING qty;
END $$;
--;;
CREATE FUNCTION pgmq.set_vt(queue_name text, msg_id bigint, vt int) RETURNS SETOF pgmq.message_record LANGUAGE plpgsql AS $$
DECLARE n text := pgmq._name(queue_name);
BEGIN
    PERFORM pgmq._check_seconds(vt, 'vt');
    PERFORM pgmq._require(n);
    RETURN QUERY EXECUTE format('UPDATE pgmq.%I SET vt = now() + make_interval(secs => $2) WHERE msg_id = $1'
        ' RETURNING msg_id, read_ct, enqueued_at, vt, message, headers', 'q_' || n) USING msg_id, vt;
END $$;
--;;
CREATE FUNCTION pgmq._remove(n text, id bigint, to_archive boolean) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE found_id bigint;
BEGIN
    IF to_archive THEN
        EXECUTE format('WITH d AS (DELETE FROM pgmq.%I WHERE msg_id = $1 RETURNING *) INSERT INTO pgmq.%I'
            ' (msg_id, read_ct, enqueued_at, vt, message, headers) SELECT msg_id, read_ct, enqueued_at, vt, message, headers FROM d'
            ' RETURNING msg_id', 'q_' || n, 'a_' || n) INTO found_id USING id;
    ELSE
        EXECUTE format('DELETE FROM pgmq.%I WHERE msg_id = $1 RETURNING msg_id', 'q_' || n) INTO found_id USING id;
    END IF;
    RETURN found_id IS NOT NULL;
END $$;
--;;
CREATE FUNCTION pgmq._remove_all(n text, ids bigint[], to_archive boolean) RETURNS SETOF bigint LANGUAGE plpgsql AS $$
DECLARE id bigint; seen bigint[] := '{}';
BEGIN
    PERFORM pgmq._require(n);
    IF cardinality(ids) > 10000 THEN RAISE EXCEPTION 'at most 10000 message ids per call' USING ERRCODE = '54000'; END IF;
    FOREACH id IN ARRAY coalesce(ids, '{}') LOOP
        CONTINUE WHEN id IS NULL OR id = ANY (seen);
        seen := seen || id;
        IF pgmq._remove(n, id, to_archive) THEN RETURN NEXT id; END IF;
    END LOOP;
END $$;
--;;
CREATE FUNCTION pgmq._remove_one(queue_name text, msg_id bigint, to_archive boolean) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE n text := pgmq._name(queue_name);
BEGIN
    PERFORM pgmq._require(n);
    RETURN pgmq._remove(n, msg_id, to_archive);
END $$;
--;;
CREATE FUNCTION pgmq.delete(queue_name text, msg_id bigint) RETURNS boolean LANGUAGE sql AS $$ SELECT pgmq._remove_one($1, $2, false) $$;
--;;
CREATE FUNCTION pgmq.delete(queue_name text, msg_ids bigint[]) RETURNS SETOF bigint LANGUAGE sql AS $$
    SELECT pgmq._remove_all(pgmq._name($1), $2, false) $$;
--;;
CREATE FUNCTION pgmq.archive(queue_name text, msg_id bigint) RETURNS boolean LANGUAGE sql AS $$ SELECT pgmq._remove_one($1, $2, true) $$;
--;;
CREATE FUNCTION pgmq.archive(queue_name text, msg_ids bigint[]) RETURNS SETOF bigint LANGUAGE sql AS $$
    SELECT pgmq._remove_all(pgmq._name($1), $2, true) $$;
