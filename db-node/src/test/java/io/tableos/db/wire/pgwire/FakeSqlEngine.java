package io.tableos.db.wire.pgwire;

import io.tableos.db.sql.session.CopyIn;
import io.tableos.db.sql.session.Notification;
import io.tableos.db.sql.session.PreparedStatement;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.sql.session.RowSink;
import io.tableos.db.sql.session.SqlEngine;
import io.tableos.db.sql.session.SqlSession;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in SQL engine for wire-protocol tests. It understands a handful of statements:
 * <ul>
 *   <li>{@code SELECT * FROM numbers(N)}: N rows (i int4, label text)</li>
 *   <li>{@code SELECT $1, $2, ...}: one row echoing the parameters with their types
 *       (unspecified types become text; text-format values are converted here)</li>
 *   <li>{@code BEGIN}, {@code COMMIT}, {@code ROLLBACK}; {@code SET name = value} (reported settings)</li>
 *   <li>{@code FAIL}: 42601 with a position; {@code CRASH}: an unexpected RuntimeException</li>
 *   <li>{@code NOTICE}: a command with a notice; {@code SLEEP}: blocks until cancelled (57014)</li>
 *   <li>{@code COPY t FROM STDIN} (collects lines into {@link #copied}), {@code COPY t TO STDOUT}</li>
 *   <li>{@code LISTEN ch}, {@code NOTIFY ch, 'payload'}</li>
 * </ul>
 */
final class FakeSqlEngine implements SqlEngine {
    final AtomicInteger nextPid = new AtomicInteger(1000);
    final List<FakeSession> sessions = new CopyOnWriteArrayList<>();
    final List<String> copied = new CopyOnWriteArrayList<>();
    final AtomicInteger fetchCalls = new AtomicInteger();
    final AtomicInteger closedSessions = new AtomicInteger();
    final Map<String, Set<FakeSession>> listeners = new ConcurrentHashMap<>();
    /** Counted down when a SLEEP statement starts, so a test can cancel it without sleeping. */
    volatile CountDownLatch sleeping = new CountDownLatch(1);

    @Override
    public SqlSession openSession(Map<String, String> startupParameters) {
        if ("nosuchdb".equals(startupParameters.get("database"))) {
            throw new DbException("3D000", "database \"nosuchdb\" does not exist");
        }
        FakeSession s = new FakeSession(startupParameters);
        sessions.add(s);
        return s;
    }

    record FakeStatement(String text, List<DataType> parameterTypes, List<ResultColumn> columns) implements PreparedStatement {}

    final class FakeSession implements SqlSession {
        final int pid = nextPid.incrementAndGet();
        final Map<String, String> settings = new LinkedHashMap<>();
        final Map<String, String> changed = new LinkedHashMap<>();
        volatile Consumer<Notification> listener = n -> {};
        volatile CountDownLatch cancelled = new CountDownLatch(1);
        char status = 'I';
        boolean failedBlock;
        final List<Boolean> implicitEnds = new ArrayList<>();

        FakeSession(Map<String, String> startup) {
            settings.put("server_version", "16.0");
            settings.put("server_encoding", "UTF8");
            settings.put("client_encoding", "UTF8");
            settings.put("DateStyle", "ISO, MDY");
            settings.put("TimeZone", "UTC");
            settings.put("integer_datetimes", "on");
            settings.put("standard_conforming_strings", "on");
            settings.put("IntervalStyle", "postgres");
            settings.put("is_superuser", "on");
            settings.put("session_authorization", startup.get("user"));
            settings.put("application_name", startup.getOrDefault("application_name", ""));
        }

        @Override
        public List<String> split(String queryString) {
            List<String> out = new ArrayList<>();
            for (String s : queryString.split(";")) if (!s.isBlank()) out.add(s.trim());
            return out;
        }

        @Override
        public PreparedStatement prepare(String text, int[] oids) {
            String t = text.trim();
            String upper = t.toUpperCase();
            if (upper.startsWith("FAIL")) throw new DbException(SqlState.SYNTAX_ERROR, "syntax error at or near \"FAIL\"", null, "try again", 1, null);
            int count = 0;
            Matcher m = Pattern.compile("\\$(\\d+)").matcher(t);
            while (m.find()) count = Math.max(count, Integer.parseInt(m.group(1)));
            List<DataType> types = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                DataType d = i < oids.length && oids[i] != 0 ? DataType.byOid(oids[i]) : null;
                types.add(d == null ? DataType.TEXT : d);
            }
            List<ResultColumn> columns = new ArrayList<>();
            if (upper.startsWith("SELECT * FROM NUMBERS")) {
                columns.add(ResultColumn.of("i", DataType.INT4));
                columns.add(ResultColumn.of("label", DataType.TEXT));
            } else if (upper.startsWith("SELECT $")) {
                for (int i = 0; i < count; i++) columns.add(ResultColumn.of("p" + (i + 1), types.get(i)));
            } else if (upper.startsWith("COPY") && upper.contains("TO STDOUT")) {
                columns.add(ResultColumn.of("line", DataType.TEXT));
            }
            return new FakeStatement(t, types, columns);
        }

        @Override
        public StatementResult execute(PreparedStatement statement, Object[] parameters) {
            String t = statement.text();
            String upper = t.toUpperCase();
            if (failedBlock && !upper.startsWith("ROLLBACK")) {
                throw new DbException(SqlState.IN_FAILED_SQL_TRANSACTION, "current transaction is aborted, commands ignored until end of transaction block");
            }
            try {
                return executeChecked(statement, parameters, t, upper);
            } catch (DbException e) {
                if (status == 'T') {
                    status = 'E';
                    failedBlock = true;
                }
                throw e;
            }
        }

        private StatementResult executeChecked(PreparedStatement statement, Object[] parameters, String t, String upper) {
            if (t.isEmpty()) return new FixedResult(StatementResult.Kind.EMPTY_QUERY, List.of(), List.of(), null);
            if (upper.startsWith("SELECT * FROM NUMBERS")) {
                Matcher m = Pattern.compile("\\((\\d+)\\)").matcher(t);
                int n = m.find() ? Integer.parseInt(m.group(1)) : 0;
                return new NumbersResult(statement.columns(), n);
            }
            if (upper.startsWith("SELECT $")) {
                Object[] row = new Object[parameters.length];
                for (int i = 0; i < row.length; i++) row[i] = convert(parameters[i], statement.parameterTypes().get(i));
                return new FixedResult(StatementResult.Kind.ROWS, statement.columns(), List.<Object[]>of(row), "SELECT 1");
            }
            if (upper.equals("BEGIN")) {
                status = 'T';
                return command("BEGIN");
            }
            if (upper.equals("COMMIT") || upper.equals("ROLLBACK")) {
                status = 'I';
                failedBlock = false;
                return command(upper);
            }
            if (upper.startsWith("SET ")) {
                String[] kv = t.substring(4).split("=|\\bTO\\b", 2);
                String name = kv[0].trim();
                String value = kv.length > 1 ? kv[1].trim().replace("'", "") : "";
                settings.put(name, value);
                changed.put(name, value);
                return command("SET");
            }
            if (upper.equals("CRASH")) throw new IllegalStateException("simulated engine bug");
            if (upper.equals("NOTICE")) {
                return new FixedResult(StatementResult.Kind.COMMAND, List.of(), List.of(), "DROP TABLE") {
                    @Override public String notice() { return "table \"x\" does not exist, skipping"; }
                };
            }
            if (upper.equals("SLEEP")) {
                sleeping.countDown();
                try {
                    if (!cancelled.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("never cancelled");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                cancelled = new CountDownLatch(1);
                throw new DbException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
            if (upper.startsWith("COPY") && upper.contains("FROM STDIN")) return new CopyInResult();
            if (upper.startsWith("COPY") && upper.contains("TO STDOUT")) {
                List<Object[]> lines = new ArrayList<>();
                for (int i = 1; i <= 3; i++) lines.add(new Object[] {(i + "\tline " + i + "\n").getBytes(StandardCharsets.UTF_8)});
                return new FixedResult(StatementResult.Kind.COPY_OUT, statement.columns(), lines, "COPY 3");
            }
            if (upper.startsWith("LISTEN ")) {
                listeners.computeIfAbsent(t.substring(7).trim(), k -> ConcurrentHashMap.newKeySet()).add(this);
                return command("LISTEN");
            }
            if (upper.startsWith("NOTIFY ")) {
                String[] parts = t.substring(7).split(",", 2);
                String channel = parts[0].trim();
                String payload = parts.length > 1 ? parts[1].trim().replace("'", "") : "";
                for (FakeSession s : listeners.getOrDefault(channel, Set.of())) s.listener.accept(new Notification(pid, channel, payload));
                return command("NOTIFY");
            }
            throw new DbException(SqlState.SYNTAX_ERROR, "fake engine does not understand: " + t);
        }

        @Override
        public void endImplicitTransaction(boolean succeeded) {
            implicitEnds.add(succeeded);
        }

        @Override
        public char transactionStatus() {
            return status;
        }

        @Override
        public Map<String, String> takeChangedReportedSettings() {
            Map<String, String> out = new LinkedHashMap<>(changed);
            changed.clear();
            return out;
        }

        @Override
        public Map<String, String> reportedSettings() {
            return settings;
        }

        @Override
        public void setNotificationListener(Consumer<Notification> l) {
            listener = l;
        }

        @Override
        public void cancel() {
            cancelled.countDown();
        }

        @Override
        public void discardCancel() {
            if (cancelled.getCount() == 0) cancelled = new CountDownLatch(1);
        }

        @Override
        public int processId() {
            return pid;
        }

        @Override
        public void close() {
            listeners.values().forEach(s -> s.remove(this));
            closedSessions.incrementAndGet();
        }
    }

    static StatementResult command(String tag) {
        return new FixedResult(StatementResult.Kind.COMMAND, List.of(), List.of(), tag);
    }

    /** Converts text-format parameters the way an engine would (binary ones arrive decoded). */
    static Object convert(Object value, DataType type) {
        if (!(value instanceof String s) || type.type().isText()) return value;
        return io.tableos.db.types.TextFormat.parse(s, type);
    }

    static class FixedResult implements StatementResult {
        private final Kind kind;
        private final List<ResultColumn> columns;
        private final List<Object[]> rows;
        private final String tag;
        private int next;

        FixedResult(Kind kind, List<ResultColumn> columns, List<Object[]> rows, String tag) {
            this.kind = kind;
            this.columns = columns;
            this.rows = rows;
            this.tag = tag;
        }

        @Override public Kind kind() { return kind; }
        @Override public List<ResultColumn> columns() { return columns; }
        @Override public String commandTag() { return tag; }

        @Override
        public boolean fetch(RowSink sink, int maxRows) {
            int end = maxRows == 0 ? rows.size() : Math.min(rows.size(), next + maxRows);
            while (next < end) sink.accept(rows.get(next++));
            return next < rows.size();
        }
    }

    final class NumbersResult implements StatementResult {
        private final List<ResultColumn> columns;
        private final int count;
        private final Object[] row = new Object[2];
        private int next;

        NumbersResult(List<ResultColumn> columns, int count) {
            this.columns = columns;
            this.count = count;
        }

        @Override public Kind kind() { return Kind.ROWS; }
        @Override public List<ResultColumn> columns() { return columns; }
        @Override public String commandTag() { return "SELECT " + count; }

        @Override
        public boolean fetch(RowSink sink, int maxRows) {
            fetchCalls.incrementAndGet();
            int end = maxRows == 0 ? count : Math.min(count, next + maxRows);
            while (next < end) {
                next++;
                row[0] = next;
                row[1] = "row " + next;
                sink.accept(row);
            }
            return next < count;
        }
    }

    final class CopyInResult implements StatementResult {
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();
        private final CopyIn copyIn = new CopyIn() {
            @Override public int columnCount() { return 2; }
            @Override public void data(byte[] chunk, int offset, int length) { data.write(chunk, offset, length); }

            @Override
            public String done() {
                String[] lines = data.toString(StandardCharsets.UTF_8).split("\n");
                copied.addAll(Arrays.asList(lines));
                return "COPY " + lines.length;
            }

            @Override public void fail(String reason) { data.reset(); }
        };

        @Override public Kind kind() { return Kind.COPY_IN; }
        @Override public List<ResultColumn> columns() { return List.of(); }
        @Override public boolean fetch(RowSink sink, int maxRows) { return false; }
        @Override public String commandTag() { return null; }
        @Override public CopyIn copyIn() { return copyIn; }
    }

    static SqlArray array(SqlType type, Object... elements) {
        return new SqlArray(type, elements);
    }
}
