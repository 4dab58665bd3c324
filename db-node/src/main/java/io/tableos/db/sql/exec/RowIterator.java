package io.tableos.db.sql.exec;

/** A pull iterator of rows: {@link #next()} returns null at the end. */
public interface RowIterator extends AutoCloseable {
    Object[] next();

    @Override
    default void close() {}

    RowIterator EMPTY = () -> null;
}
