package io.tableos.db.sql.engine;

import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.parse.UtilityStatement;
import io.tableos.db.sql.plan.DmlPlanner;
import io.tableos.db.sql.plan.ParamTypes;
import io.tableos.db.sql.plan.ConstraintPlanner;
import io.tableos.db.sql.plan.PlanContext;
import io.tableos.db.sql.plan.PlannedStatement;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.sql.session.RowSink;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.storage.TableStore;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.TextFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** COPY FROM STDIN (see {@link CopyInImpl}) and COPY TO STDOUT (streamed, one line per fetched row). */
final class CopyCommands {
    /** FREEZE [true|on|1] in the option list; the front end parses and drops it, so it is found in the text. */
    private static final Pattern FREEZE = Pattern.compile("\\bfreeze\\b(?!\\s*(false|off|0)\\b)", Pattern.CASE_INSENSITIVE);

    private final SqlSessionImpl session;

    CopyCommands(SqlSessionImpl session) {
        this.session = session;
    }

    StatementResult execute(UtilityStatement.Copy copy, String text) {
        CopyFormat format = CopyFormat.of(copy);
        return copy.fromStdin() ? copyIn(copy, format, text) : copyOut(copy, format);
    }

    private StatementResult copyIn(UtilityStatement.Copy copy, CopyFormat format, String text) {
        TableDef table = DdlNames.requireTable(session.engine.transactionManager().catalog(), DdlNames.parse(copy.table(), session.searchPath(), session.engine.transactionManager().catalog()));
        TableStore store = session.engine.transactionManager().storage().table(table.id());
        if (store == null) throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + table.name() + "\" does not exist");
        int[] targets = targets(table, copy.columns());
        PlanContext pc = new PlanContext(session.engine.transactionManager().catalog(), session.engine.systemTables(),
                session.engine.procedures(), new ParamTypes(null)).withSearchPath(session.searchPath());
        Expr[] defaults = new Expr[table.columns().size()];
        Set<Integer> given = new HashSet<>();
        for (int t : targets) given.add(t);
        for (int c = 0; c < defaults.length; c++) if (!given.contains(c)) defaults[c] = DmlPlanner.compileDefault(pc, table, c);
        session.currentTransaction();
        if (session.transactionState.readOnly()) {
            throw new DbException(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute COPY FROM in a read-only transaction");
        }
        boolean chunked = !session.transactionState.inBlock() || (text != null && FREEZE.matcher(text).find());
        CopyInImpl in = new CopyInImpl(session, table, store, targets, defaults, format, chunked,
                ConstraintPlanner.forTable(pc, table));
        return new CopyResult(StatementResult.Kind.COPY_IN, columnsOf(table, targets), in, false);
    }

    private static int[] targets(TableDef table, List<String> columns) {
        if (columns == null || columns.isEmpty()) {
            int[] all = new int[table.columns().size()];
            for (int i = 0; i < all.length; i++) all[i] = i;
            return all;
        }
        int[] out = new int[columns.size()];
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < out.length; i++) {
            String name = columns.get(i);
            out[i] = table.columnOrdinal(name);
            if (out[i] < 0) throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \"" + table.name() + "\" does not exist");
            if (!seen.add(out[i])) throw new DbException(SqlState.DUPLICATE_COLUMN, "column \"" + name + "\" specified more than once");
        }
        return out;
    }

    private static List<ResultColumn> columnsOf(TableDef table, int[] targets) {
        List<ResultColumn> out = new ArrayList<>();
        for (int t : targets) out.add(new ResultColumn(table.columns().get(t).name(), table.columns().get(t).type(), table.id(), t + 1));
        return out;
    }

    private StatementResult copyOut(UtilityStatement.Copy copy, CopyFormat format) {
        String query;
        if (copy.queryText() != null) {
            query = copy.queryText();
        } else {
            TableDef table = DdlNames.requireTable(session.engine.transactionManager().catalog(), DdlNames.parse(copy.table(), session.searchPath(), session.engine.transactionManager().catalog()));
            List<String> names = new ArrayList<>();
            int[] targets = targets(table, copy.columns());
            for (int t : targets) names.add(quote(table.columns().get(t).name()));
            query = "SELECT " + String.join(", ", names) + " FROM " + quote(table.schema()) + "." + quote(table.name());
        }
        Prepared p = session.prepareInternal(query, null);
        if (!(p.planned instanceof PlannedStatement.Query q)) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "COPY (query) TO supports only queries");
        }
        RowIterator rows = q.query().node().open(session.newContext(session.currentTransaction(), new Object[0]), null);
        return new CopyOutResult(q.columns(), rows, format);
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** COPY_IN result: hands the wire layer the CopyIn. */
    private static final class CopyResult extends Results.Command {
        private final List<ResultColumn> columns;
        private final CopyInImpl in;

        CopyResult(Kind kind, List<ResultColumn> columns, CopyInImpl in, boolean csv) {
            super("COPY", null, kind);
            this.columns = columns;
            this.in = in;
        }

        @Override public List<ResultColumn> columns() { return columns; }
        @Override public io.tableos.db.sql.session.CopyIn copyIn() { return in; }
    }

    /** COPY_OUT: each fetched row is one line of text or CSV, as {@code Object[]{byte[] line}}. */
    private final class CopyOutResult implements StatementResult {
        private final List<ResultColumn> columns;
        private final RowIterator rows;
        private final CopyFormat format;
        private final StringBuilder line = new StringBuilder();
        private final Object[] out = new Object[1];
        private boolean headerSent;
        private boolean done;
        private long count;

        CopyOutResult(List<ResultColumn> columns, RowIterator rows, CopyFormat format) {
            this.columns = columns;
            this.rows = rows;
            this.format = format;
            this.headerSent = !format.header();
        }

        @Override public Kind kind() { return Kind.COPY_OUT; }
        @Override public List<ResultColumn> columns() { return columns; }
        @Override public boolean copyCsv() { return format.csv(); }

        @Override
        public boolean fetch(RowSink sink, int maxRows) {
            try {
                int sent = 0;
                if (!headerSent) {
                    headerSent = true;
                    line.setLength(0);
                    for (int i = 0; i < columns.size(); i++) {
                        if (i > 0) line.append(format.delimiter());
                        appendValue(columns.get(i).name());
                    }
                    emit(sink);
                    sent++;
                }
                while (!done) {
                    if (maxRows > 0 && sent >= maxRows) return true;
                    Object[] row = rows.next();
                    if (row == null) {
                        close();
                        break;
                    }
                    line.setLength(0);
                    for (int i = 0; i < columns.size(); i++) {
                        if (i > 0) line.append(format.delimiter());
                        String value = TextFormat.format(row[i], columns.get(i).type());
                        if (value == null) line.append(format.nullString());
                        else appendValue(value);
                    }
                    emit(sink);
                    sent++;
                    count++;
                }
                return false;
            } catch (RuntimeException e) {
                close();
                throw session.failed(e);
            }
        }

        private void emit(RowSink sink) {
            line.append('\n');
            out[0] = line.toString().getBytes(StandardCharsets.UTF_8);
            sink.accept(out);
        }

        private void appendValue(String value) {
            if (format.csv()) {
                boolean needsQuotes = value.isEmpty() ? format.nullString().isEmpty() : value.equals(format.nullString());
                for (int i = 0; i < value.length() && !needsQuotes; i++) {
                    char c = value.charAt(i);
                    needsQuotes = c == format.delimiter() || c == format.quote() || c == '\n' || c == '\r';
                }
                if (!needsQuotes) {
                    line.append(value);
                    return;
                }
                line.append(format.quote());
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (c == format.quote() || c == format.escape()) line.append(format.escape());
                    line.append(c);
                }
                line.append(format.quote());
                return;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> line.append("\\\\");
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    case '\t' -> line.append("\\t");
                    case '\b' -> line.append("\\b");
                    case '\f' -> line.append("\\f");
                    case '\u000B' -> line.append("\\v");
                    default -> {
                        if (c == format.delimiter()) line.append('\\');
                        line.append(c);
                    }
                }
            }
        }

        @Override public String commandTag() { return "COPY " + count; }

        @Override
        public void close() {
            if (done) return;
            done = true;
            rows.close();
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
