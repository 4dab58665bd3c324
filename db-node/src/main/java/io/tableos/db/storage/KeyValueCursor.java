package io.tableos.db.storage;

/**
 * Forward iteration over (primary key, encoded row) pairs. Usage:
 * {@code while (c.next()) use(c.key(), c.value());}. Arrays returned are not reused.
 */
public interface KeyValueCursor extends AutoCloseable {
    boolean next();

    byte[] key();

    byte[] value();

    @Override
    default void close() {}
}
