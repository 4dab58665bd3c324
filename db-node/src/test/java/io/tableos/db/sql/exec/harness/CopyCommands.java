package io.tableos.db.sql.exec.harness;

import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.copy.CopyFormat;
import io.tableos.db.sql.exec.copy.CopyInWriter;
import io.tableos.db.sql.exec.copy.CopyOutRows;
import io.tableos.db.sql.parse.UtilityStatement;
import io.tableos.db.sql.plan.DmlPlanner;
import io.tableos.db.sql.plan.ParamTypes;
import io.tableos.db.sql.plan.PlannedStatement;
import io.tableos.db.sql.session.CopyIn;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.sql.session.RowSink;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.List;

/** COPY FROM STDIN / TO STDOUT over the exec.copy building blocks. */
final class CopyCommands {
    private final HarnessSession session;

    CopyCommands(HarnessSession session) {
        this.session = session;
    }

    StatementResult execute(UtilityStatement.Copy c) {
        CopyFormat format = CopyFormat.of(c.format(), c.delimiter(), c.nullString(), c.quote(), c.escape(), c.header());
        if ("binary".equalsIgnoreCase(c.format())) throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "COPY BINARY is not supported");
        if (c.fromStdin()) return copyIn(c, format);
        String query = c.queryText() != null ? c.queryText()
                : "SELECT " + (c.columns() == null || c.columns().isEmpty() ? "*" : String.join(", ", c.columns())) + " FROM " + c.table();
        Prepared p = session.statements.prepare(query, null);
        if (!(p.planned instanceof PlannedStatement.Query q)) throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "COPY (statement) must be a query");
        ExecContext ctx = session.newContext(session.transactionControl.transaction(), new Object[0]);
        CopyOutRows rows = new CopyOutRows(q.query().node().open(ctx, null), q.columns(), format);
        return new CopyOutResult(q.columns(), rows, format.csv());
    }

    private StatementResult copyIn(UtilityStatement.Copy c, CopyFormat format) {
        String name = c.table();
        int dot = name.indexOf('.');
        TableDef table = session.engine().transactions().catalog().table(dot < 0 ? "public" : name.substring(0, dot), dot < 0 ? name : name.substring(dot + 1));
        if (table == null) throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
        int[] targets;
        if (c.columns() == null || c.columns().isEmpty()) {
            targets = new int[table.columns().size()];
            for (int i = 0; i < targets.length; i++) targets[i] = i;
        } else {
            targets = new int[c.columns().size()];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = table.columnOrdinal(c.columns().get(i));
                if (targets[i] < 0) throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + c.columns().get(i) + "\" of relation \"" + table.name() + "\" does not exist");
            }
        }
        Expr[] defaults = new Expr[table.columns().size()];
        for (int i = 0; i < defaults.length; i++) defaults[i] = DmlPlanner.compileDefault(session.planContext(new ParamTypes(null)), table, i);
        ExecContext ctx = session.newContext(session.transactionControl.transaction(), new Object[0]);
        CopyInWriter writer = new CopyInWriter(ctx, table, targets, defaults, format);
        return new StatementResult() {
            public Kind kind() { return Kind.COPY_IN; }
            public List<ResultColumn> columns() { return List.of(); }
            public boolean fetch(RowSink sink, int maxRows) { return false; }
            public String commandTag() { return "COPY"; }
            public CopyIn copyIn() { return writer; }
            public boolean copyCsv() { return format.csv(); }
        };
    }

    private static final class CopyOutResult implements StatementResult {
        private final List<ResultColumn> columns;
        private final CopyOutRows rows;
        private final boolean csv;

        CopyOutResult(List<ResultColumn> columns, CopyOutRows rows, boolean csv) {
            this.columns = columns;
            this.rows = rows;
            this.csv = csv;
        }

        public Kind kind() { return Kind.COPY_OUT; }
        public List<ResultColumn> columns() { return columns; }
        public boolean copyCsv() { return csv; }

        public boolean fetch(RowSink sink, int maxRows) {
            int n = 0;
            Object[] row;
            while ((maxRows == 0 || n < maxRows) && (row = rows.next()) != null) {
                sink.accept(row);
                n++;
            }
            return false;
        }

        public String commandTag() { return "COPY " + rows.count(); }
        public void close() { rows.close(); }
    }
}
