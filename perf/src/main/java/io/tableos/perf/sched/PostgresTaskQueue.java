package io.tableos.perf.sched;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * PostgreSQL's plain-SQL job queue: the same columns, a partial index on queued tasks in
 * priority then id order, the UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED LIMIT k)
 * claim with a lease token from a sequence, and a fenced batch completion. PostgreSQL cannot
 * block a claim until work commits, so an idle claim waits on LISTEN (the submitter NOTIFYs in
 * its transaction), the best it offers; autocommit, one transaction per call as on TableOS.
 */
final class PostgresTaskQueue implements TaskQueue {
    private static final String CLAIM = "UPDATE jobs SET state = 'running', attempt = attempt + 1, worker = ?,"
            + " lease = nextval('job_leases'), lease_expires_at = now() + interval '60 seconds', started_at = now()"
            + " WHERE id IN (SELECT id FROM jobs WHERE queue = 'bench' AND state = 'queued' ORDER BY priority DESC, id"
            + " LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING id, payload, attempt, lease";
    private static final String COMPLETE = "UPDATE jobs j SET state = 'succeeded', finished_at = now()"
            + " FROM unnest(?::bigint[], ?::bigint[]) AS c(id, lease)"
            + " WHERE j.id = c.id AND j.lease = c.lease AND j.state = 'running' AND j.lease_expires_at >= now()";
    private final Connection connection;
    private final PreparedStatement claim;
    private final PreparedStatement complete;
    private final long worker;
    private boolean listening;

    PostgresTaskQueue(Connection connection, long worker) throws SQLException {
        this.connection = connection;
        this.worker = worker;
        this.claim = connection.prepareStatement(CLAIM);
        this.complete = connection.prepareStatement(COMPLETE);
    }

    static void prepare(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS jobs");
            s.execute("DROP SEQUENCE IF EXISTS job_leases");
            s.execute("CREATE SEQUENCE job_leases");
            s.execute("CREATE TABLE jobs (id bigserial PRIMARY KEY, queue text NOT NULL, state text NOT NULL DEFAULT 'queued',"
                    + " priority int NOT NULL DEFAULT 0, payload jsonb, result jsonb, attempt int NOT NULL DEFAULT 0,"
                    + " worker bigint, lease bigint, lease_expires_at timestamptz, submitted_at timestamptz NOT NULL DEFAULT now(),"
                    + " started_at timestamptz, finished_at timestamptz)");
            s.execute("CREATE INDEX jobs_ready ON jobs (queue, priority DESC, id) WHERE state = 'queued'");
        }
    }

    @Override
    public void submit(List<String> payloads) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO jobs (queue, payload) SELECT 'bench', p FROM unnest(?::jsonb[]) AS p");
             Statement n = connection.createStatement()) {
            s.setArray(1, connection.createArrayOf("text", payloads.toArray()));
            s.executeUpdate();
            n.execute("NOTIFY jobs_bench");
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    @Override
    public long[][] claim(int k, int waitMillis) throws SQLException {
        long[][] got = claimNow(k);
        if (got[0].length > 0 || waitMillis <= 0) return got;
        if (!listening) {
            try (Statement s = connection.createStatement()) {
                s.execute("LISTEN jobs_bench");
            }
            listening = true;
            got = claimNow(k);  // anything submitted before LISTEN took effect
            if (got[0].length > 0) return got;
        }
        connection.unwrap(PGConnection.class).getNotifications(waitMillis);
        return claimNow(k);
    }

    private long[][] claimNow(int k) throws SQLException {
        claim.setLong(1, worker);
        claim.setInt(2, k);
        List<long[]> rows = new ArrayList<>();
        try (ResultSet r = claim.executeQuery()) {
            while (r.next()) rows.add(new long[] {r.getLong(1), r.getLong(4)});
        }
        long[][] out = new long[2][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            out[0][i] = rows.get(i)[0];
            out[1][i] = rows.get(i)[1];
        }
        return out;
    }

    @Override
    public int complete(long[] ids, long[] leases) throws SQLException {
        complete.setArray(1, longs(ids));
        complete.setArray(2, longs(leases));
        return complete.executeUpdate();
    }

    private Array longs(long[] values) throws SQLException {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) boxed[i] = values[i];
        return connection.createArrayOf("bigint", boxed);
    }

    @Override
    public Connection connection() {
        return connection;
    }
}
