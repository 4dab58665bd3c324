package io.tableos.db.sql.engine;

import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.sql.session.RowSink;
import io.tableos.db.sql.session.StatementResult;
import java.util.List;

/** The StatementResult kinds the engine returns: streamed rows, buffered rows, a command tag. */
final class Results {
    private Results() {}

    /** Told when pulling rows fails, so the session enters its failed state; returns what to throw. */
    interface FailureHook {
        RuntimeException failed(Throwable e);
    }

    /** Rows pulled from an operator tree on demand; one row of look-ahead tells whether more remain. */
    static final class Streamed implements StatementResult {
        private final List<ResultColumn> columns;
        private final RowIterator rows;
        private final FailureHook onFailure;
        private final Runnable onFinish;
        private Object[] pending;
        private boolean done;
        private long count;

        /** @param onFinish runs once when the rows are exhausted or the result closed (statement end) */
        Streamed(List<ResultColumn> columns, RowIterator rows, FailureHook onFailure, Runnable onFinish) {
            this.columns = columns;
            this.rows = rows;
            this.onFailure = onFailure;
            this.onFinish = onFinish;
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
                done = true;
                try {
                    rows.close();
                } catch (RuntimeException ignored) {
                    // the first failure is the one to report
                }
                throw onFailure.failed(e);
            }
        }

        private void finish() {
            if (done) return;
            done = true;
            try {
                rows.close();
            } finally {
                if (onFinish != null) onFinish.run();
            }
        }

        @Override public String commandTag() { return "SELECT " + count; }

        @Override
        public void close() {
            finish();
        }
    }

    /** Rows computed during execution (RETURNING, SHOW, EXPLAIN) with a fixed tag (null: SELECT n). */
    static final class Buffered implements StatementResult {
        private final List<ResultColumn> columns;
        private final List<Object[]> rows;
        private final String tag;
        private final String notice;
        private int next;

        Buffered(List<ResultColumn> columns, List<Object[]> rows, String tag) {
            this(columns, rows, tag, null);
        }

        Buffered(List<ResultColumn> columns, List<Object[]> rows, String tag, String notice) {
            this.columns = columns;
            this.rows = rows;
            this.tag = tag;
            this.notice = notice;
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
        @Override public String notice() { return notice; }
    }

    /** A statement without rows: its tag and an optional notice. */
    static final class Command implements StatementResult {
        private final String tag;
        private final String notice;
        private final Kind kind;

        Command(String tag) {
            this(tag, null, Kind.COMMAND);
        }

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

    static final StatementResult EMPTY_QUERY = new Command("", null, StatementResult.Kind.EMPTY_QUERY);
}
