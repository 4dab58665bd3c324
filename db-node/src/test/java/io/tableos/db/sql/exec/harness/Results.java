package io.tableos.db.sql.exec.harness;

import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.sql.session.RowSink;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.types.DbException;
import java.util.List;

/** The StatementResult implementations: streamed rows, buffered rows, a command tag. */
final class Results {
    private Results() {}

    /** Called when fetching fails, so the session enters its error state. */
    interface ErrorHook {
        DbException failed(RuntimeException e);
    }

    /** Rows pulled from an operator tree on demand; one row of look-ahead tells whether more remain. */
    static final class Streamed implements StatementResult {
        private final List<ResultColumn> columns;
        private final RowIterator rows;
        private final ErrorHook onError;
        private Object[] pending;
        private boolean done;
        private long count;

        Streamed(List<ResultColumn> columns, RowIterator rows, ErrorHook onError) {
            this.columns = columns;
            this.rows = rows;
            this.onError = onError;
        }

        @Override public Kind kind() { return Kind.ROWS; }
        @Override public List<ResultColumn> columns() { return columns; }

        @Override
        public boolean fetch(RowSink sink, int maxRows) {
            try {
                int sent = 0;
                while (!done) {
                    Object[] row = pending != null ? pending : rows.next();
                    pending = null;
                    if (row == null) {
                        finish();
                        break;
                    }
                    if (maxRows > 0 && sent == maxRows) {
                        pending = row;
                        return true;
                    }
                    sink.accept(row);
                    sent++;
                    count++;
                }
                return false;
            } catch (RuntimeException e) {
                finish();
                throw onError.failed(e);
            }
        }

        private void finish() {
            if (!done) {
                done = true;
                rows.close();
            }
        }

        @Override public String commandTag() { return "SELECT " + count; }
        @Override public void close() { finish(); }
    }

    /** Rows computed at execution (RETURNING, SHOW, EXPLAIN) with a fixed tag. */
    static final class Buffered implements StatementResult {
        private final List<ResultColumn> columns;
        private final List<Object[]> rows;
        private final String tag;
        private int next;

        Buffered(List<ResultColumn> columns, List<Object[]> rows, String tag) {
            this.columns = columns;
            this.rows = rows;
            this.tag = tag;
        }

        @Override public Kind kind() { return Kind.ROWS; }
        @Override public List<ResultColumn> columns() { return columns; }

        @Override
        public boolean fetch(RowSink sink, int maxRows) {
            int sent = 0;
            while (next < rows.size()) {
                if (maxRows > 0 && sent == maxRows) return true;
                sink.accept(rows.get(next++));
                sent++;
            }
            return false;
        }

        @Override public String commandTag() { return tag != null ? tag : "SELECT " + rows.size(); }
    }

    static final class Command implements StatementResult {
        private final String tag;
        private final String notice;
        private final Kind kind;

        Command(String tag, String notice) {
            this(tag, notice, Kind.COMMAND);
        }

        Command(String tag, String notice, Kind kind) {
            this.tag = tag;
            this.notice = notice;
            this.kind = kind;
        }

        @Override public Kind kind() { return kind; }
        @Override public List<ResultColumn> columns() { return List.of(); }
        @Override public boolean fetch(RowSink sink, int maxRows) { return false; }
        @Override public String commandTag() { return tag; }
        @Override public String notice() { return notice; }
    }
}
