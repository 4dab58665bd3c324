package io.tableos.perf.topics;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** One system's topic operations, as the benchmark drives them (one instance per connection). */
interface TopicLog extends AutoCloseable {
    /** A fetched message's place. */
    record Fetched(int partition, long offset) {}

    /** Publishes the payloads (keys {@code keys}) in one transaction. */
    void publish(List<String> keys, List<String> payloads) throws SQLException;

    /** Up to max messages from the consumer's committed offsets; waits up to waitMillis for some. */
    List<Fetched> fetch(int max, int waitMillis) throws SQLException;

    /** Commits next offsets per partition. */
    void commit(Map<Integer, Long> next) throws SQLException;

    @Override
    void close() throws SQLException;
}
