package io.tableos.db.sql.session;

/** Receives the data of COPY ... FROM STDIN, in CopyData chunks split anywhere. */
public interface CopyIn {
    /** Number of columns the client sends per row (for CopyInResponse). */
    int columnCount();

    void data(byte[] chunk, int offset, int length);

    /** CopyDone: parses what remains, writes the rows, returns the command tag {@code COPY n}. */
    String done();

    /** CopyFail or a broken connection: discards everything. */
    void fail(String reason);
}
