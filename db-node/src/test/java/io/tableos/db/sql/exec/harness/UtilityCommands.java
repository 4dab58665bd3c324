package io.tableos.db.sql.exec.harness;

import io.tableos.db.sql.parse.UtilityStatement;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.parse.SqlFrontEnd;
import io.tableos.db.sql.parse.UtilityStatement;
import io.tableos.db.sql.plan.PlannedStatement;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.storage.TableStore;
import io.tableos.db.txn.Transaction;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Transaction control, settings, LISTEN/NOTIFY, TRUNCATE, EXPLAIN and the no-op maintenance commands. */
final class UtilityCommands {
    private final HarnessSession session;

    UtilityCommands(HarnessSession session) {
        this.session = session;
    }

    static List<ResultColumn> columnsOf(UtilityStatement u) {
        if (u instanceof UtilityStatement.Show s) {
            if (s.name().equals("all")) return List.of(ResultColumn.of("name", DataType.TEXT), ResultColumn.of("setting", DataType.TEXT), ResultColumn.of("description", DataType.TEXT));
            return List.of(ResultColumn.of(s.name(), DataType.TEXT));
        }
        if (u instanceof UtilityStatement.Explain) return List.of(ResultColumn.of("QUERY PLAN", DataType.TEXT));
        return List.of();
    }

    StatementResult execute(UtilityStatement u, Prepared prepared) {
        TransactionControl tc = session.transactionControl;
        if (u instanceof UtilityStatement.Begin b) {
            if (b.isolation() != null) session.settings.set("transaction_isolation", b.isolation());
            return new Results.Command("BEGIN", tc.begin(b.readOnly()));
        }
        if (u instanceof UtilityStatement.Commit) return new Results.Command(tc.commit(), null);
        if (u instanceof UtilityStatement.Rollback) return new Results.Command(tc.rollback(), null);
        if (u instanceof UtilityStatement.Savepoint s) { tc.savepoint(s.name()); return new Results.Command("SAVEPOINT", null); }
        if (u instanceof UtilityStatement.RollbackToSavepoint s) { tc.rollbackToSavepoint(s.name()); return new Results.Command("ROLLBACK", null); }
        if (u instanceof UtilityStatement.ReleaseSavepoint s) { tc.releaseSavepoint(s.name()); return new Results.Command("RELEASE", null); }
        if (u instanceof UtilityStatement.SetTransaction s) {
            if (s.readOnly() != null) tc.setReadOnly(s.readOnly());
            if (s.isolation() != null) session.settings.set("transaction_isolation", s.isolation());
            return new Results.Command("SET", null);
        }
        if (u instanceof UtilityStatement.SetSessionCharacteristics s) {
            if (s.readOnly() != null) session.settings.set("default_transaction_read_only", s.readOnly() ? "on" : "off");
            if (s.isolation() != null) session.settings.set("default_transaction_isolation", s.isolation());
            return new Results.Command("SET", null);
        }
        if (u instanceof UtilityStatement.Set s) return set(s);
        if (u instanceof UtilityStatement.Reset r) { session.settings.reset(r.name()); return new Results.Command("RESET", null); }
        if (u instanceof UtilityStatement.Show s) return show(s, prepared);
        if (u instanceof UtilityStatement.Listen l) { session.engine().notifications().listen(l.channel(), session); return new Results.Command("LISTEN", null); }
        if (u instanceof UtilityStatement.Unlisten l) {
            if (l.channel().equals("*")) session.engine().notifications().unlistenAll(session);
            else session.engine().notifications().unlisten(l.channel(), session);
            return new Results.Command("UNLISTEN", null);
        }
        if (u instanceof UtilityStatement.Notify n) {
            session.transactionControl.transaction().notify(n.channel(), n.payload() == null ? "" : n.payload());
            return new Results.Command("NOTIFY", null);
        }
        if (u instanceof UtilityStatement.Truncate t) return truncate(t);
        if (u instanceof UtilityStatement.Explain e) return explain(e, prepared);
        if (u instanceof UtilityStatement.Copy c) return new CopyCommands(session).execute(c);
        if (u instanceof UtilityStatement.Vacuum) return new Results.Command("VACUUM", null);
        if (u instanceof UtilityStatement.Analyze) return new Results.Command("ANALYZE", null);
        if (u instanceof UtilityStatement.Checkpoint) return new Results.Command("CHECKPOINT", null);
        if (u instanceof UtilityStatement.DiscardAll) return new Results.Command("DISCARD ALL", null);
        throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "not supported: " + u);
    }

    private StatementResult set(UtilityStatement.Set s) {
        String value = String.join(", ", s.values());
        switch (s.name()) {
            case "transaction_read_only" -> session.transactionControl.setReadOnly(value.equalsIgnoreCase("on") || value.equalsIgnoreCase("true"));
            case "session_authorization", "server_version", "server_version_num", "server_encoding", "is_superuser" -> throw new DbException(
                    "55P02", "parameter \"" + s.name() + "\" cannot be changed");
            default -> session.settings.set(s.name(), value.equalsIgnoreCase("default") ? defaultOf(s.name()) : value);
        }
        return new Results.Command("SET", null);
    }

    private String defaultOf(String name) {
        session.settings.reset(name);
        String v = session.settings.get(name);
        return v == null ? "" : v;
    }

    private StatementResult show(UtilityStatement.Show s, Prepared prepared) {
        if (s.name().equals("all")) {
            List<Object[]> rows = new ArrayList<>();
            for (Map.Entry<String, String> e : session.settings.all().entrySet()) rows.add(new Object[] {SessionSettings.display(e.getKey()), e.getValue(), ""});
            return new Results.Buffered(prepared.columns(), rows, "SHOW");
        }
        String v;
        if (s.name().equals("transaction_read_only")) {
            Boolean ro = session.transactionControl.currentReadOnly();
            v = ro == null ? session.settings.get("default_transaction_read_only") : (ro ? "on" : "off");
        } else {
            v = session.settings.get(s.name());
        }
        if (v == null) throw new DbException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + s.name() + "\"");
        return new Results.Buffered(prepared.columns(), List.<Object[]>of(new Object[] {v}), "SHOW");
    }

    private StatementResult truncate(UtilityStatement.Truncate t) {
        Transaction txn = session.transactionControl.transaction();
        List<TableDef> tables = new ArrayList<>();
        for (String name : t.tables()) {
            String n = name.replace("\"", "");
            int dot = n.indexOf('.');
            TableDef def = session.engine().transactions().catalog().table(dot < 0 ? "public" : n.substring(0, dot), dot < 0 ? n : n.substring(dot + 1));
            if (def == null) throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + n + "\" does not exist");
            tables.add(def);
        }
        for (TableDef def : tables) {
            TableStore store = session.engine().transactions().storage().table(def.id());
            txn.truncate(store);
            if (t.restartIdentity()) {
                for (SequenceDef seq : session.engine().transactions().catalog().sequences()) {
                    if (seq.ownedByTableId() == def.id() && seq.id() != def.hiddenKeySequenceId()) txn.setval(seq, seq.start(), false);
                }
            }
        }
        return new Results.Command("TRUNCATE TABLE", null);
    }

    private StatementResult explain(UtilityStatement.Explain e, Prepared prepared) {
        String inner = e.statementText();
        Prepared innerPrepared = session.statements.prepare(inner, null);
        String text = innerPrepared.planned == null ? "Utility Statement" : PlannedStatement.explain(innerPrepared.planned);
        List<Object[]> rows = new ArrayList<>();
        for (String line : text.split("\n")) rows.add(new Object[] {line});
        return new Results.Buffered(prepared.columns(), rows, "EXPLAIN");
    }
}
