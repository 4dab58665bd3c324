package io.tableos.perf.sched;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** One side of the benchmark: how its clients submit, claim and complete tasks. One instance per connection. */
interface TaskQueue extends AutoCloseable {
    /** Submits the payloads as one transaction. */
    void submit(List<String> payloads) throws SQLException;

    /** Claims up to {@code k} tasks, waiting up to {@code waitMillis} for one to arrive; returns {ids, leases}. */
    long[][] claim(int k, int waitMillis) throws SQLException;

    /** Completes the tasks as one transaction; returns how many were accepted. */
    int complete(long[] ids, long[] leases) throws SQLException;

    Connection connection();

    @Override
    default void close() throws SQLException {
        connection().close();
    }
}
