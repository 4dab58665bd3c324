package io.tableos.db.sql.engine;

import io.tableos.db.sql.func.Casts;
import io.tableos.db.sql.parse.UtilityStatement;
import io.tableos.db.sql.plan.PlannedStatement;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the utility statements the front end parses itself: transaction control, SET/SHOW,
 * LISTEN/NOTIFY, PREPARE/EXECUTE, EXPLAIN, and the accepted no-ops (VACUUM, ANALYZE,
 * CHECKPOINT). COPY and TRUNCATE are handed on to {@link CopyCommands} and {@link DdlExecutor}.
 */
final class UtilityCommands {
    private final SqlSessionImpl session;

    UtilityCommands(SqlSessionImpl session) {
        this.session = session;
    }

    /** Statements a failed transaction block still accepts. */
    static boolean allowedInFailedBlock(UtilityStatement u) {
        return u instanceof UtilityStatement.Commit || u instanceof UtilityStatement.Rollback
                || u instanceof UtilityStatement.RollbackToSavepoint;
    }

    /** The prepared form with the result columns the statement will have (Describe). */
    Prepared describe(Prepared p) {
        List<ResultColumn> columns = List.of();
        if (p.utility instanceof UtilityStatement.Show s) {
            columns = s.name().equals("all") ? List.of(ResultColumn.of("name", DataType.TEXT),
                    ResultColumn.of("setting", DataType.TEXT), ResultColumn.of("description", DataType.TEXT))
                    : List.of(ResultColumn.of(s.name(), DataType.TEXT));
        } else if (p.utility instanceof UtilityStatement.Explain) {
            columns = List.of(ResultColumn.of("QUERY PLAN", DataType.TEXT));
        } else if (p.utility instanceof UtilityStatement.Execute e) {
            columns = session.sqlPrepared.get(e.name()).columns();
        }
        if (columns.isEmpty()) return p;
        return new Prepared(p.text(), p.declaredOids(), p.parameterTypes(), columns, p.catalogVersion, null, p.utility);
    }

    /** The text of the statement being executed (COPY looks for options the front end drops). */
    private String currentText;

    StatementResult execute(UtilityStatement u, Object[] parameters, String text) {
        currentText = text;
        return execute(u, parameters);
    }

    StatementResult execute(UtilityStatement u, Object[] parameters) {
        TransactionState state = session.transactionState;
        SessionSettings settings = session.settings;
        if (u instanceof UtilityStatement.Begin b) {
            String isolation = b.isolation() != null ? b.isolation() : settings.get("default_transaction_isolation");
            boolean readOnly = b.readOnly() != null ? b.readOnly() : session.defaultReadOnly();
            if (!readOnly && !session.engine.transactionManager().isLeader() && b.readOnly() != null) {
                throw new DbException(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot set transaction read-write mode during recovery");
            }
            String warning = state.begin(isolation, readOnly);
            session.syncTransactionSettings();
            return new Results.Command("BEGIN", warning);
        } else if (u instanceof UtilityStatement.Commit c) {
            return endBlock(true, c.chain());
        } else if (u instanceof UtilityStatement.Rollback r) {
            return endBlock(false, r.chain());
        } else if (u instanceof UtilityStatement.Savepoint s) {
            state.savepoint(s.name());
            return new Results.Command("SAVEPOINT");
        } else if (u instanceof UtilityStatement.RollbackToSavepoint r) {
            state.rollbackToSavepoint(r.name());
            return new Results.Command("ROLLBACK");
        } else if (u instanceof UtilityStatement.ReleaseSavepoint r) {
            state.releaseSavepoint(r.name());
            return new Results.Command("RELEASE");
        } else if (u instanceof UtilityStatement.SetTransaction s) {
            if (state.mode() == TransactionState.Mode.NONE) {
                return new Results.Command("SET", "SET TRANSACTION can only be used in transaction blocks");
            }
            state.setCharacteristics(s.isolation(), s.readOnly());
            session.syncTransactionSettings();
            return new Results.Command("SET");
        } else if (u instanceof UtilityStatement.SetSessionCharacteristics s) {
            if (s.isolation() != null) settings.set("default_transaction_isolation", s.isolation(), false, state.inBlock());
            if (s.readOnly() != null) settings.set("default_transaction_read_only", s.readOnly() ? "on" : "off", false, state.inBlock());
            if (state.mode() == TransactionState.Mode.NONE) session.syncTransactionSettings();
            return new Results.Command("SET");
        } else if (u instanceof UtilityStatement.Set s) {
            return set(s);
        } else if (u instanceof UtilityStatement.Reset r) {
            settings.reset(r.name(), state.inBlock());
            if (state.mode() == TransactionState.Mode.NONE) session.syncTransactionSettings();
            return new Results.Command("RESET");
        } else if (u instanceof UtilityStatement.Show s) {
            return show(s.name());
        } else if (u instanceof UtilityStatement.Listen l) {
            if (!session.channels.contains(l.channel())) {
                if (session.channels.size() >= session.engine.settings().listenChannelsMax()) {
                    throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "too many LISTEN channels in this session");
                }
                session.channels.add(l.channel());
                session.engine.notifications().listen(l.channel(), session);
            }
            return new Results.Command("LISTEN");
        } else if (u instanceof UtilityStatement.Unlisten l) {
            unlisten(l.channel());
            return new Results.Command("UNLISTEN");
        } else if (u instanceof UtilityStatement.Notify n) {
            if (n.channel().isEmpty()) throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "channel name cannot be empty");
            session.currentTransaction().notify(session.processId(), n.channel(), n.payload() == null ? "" : n.payload());
            return new Results.Command("NOTIFY");
        } else if (u instanceof UtilityStatement.Prepare p) {
            int[] oids = new int[p.parameterTypes().size()];
            for (int i = 0; i < oids.length; i++) oids[i] = Casts.parseTypeName(p.parameterTypes().get(i)).oid();
            Prepared prepared = session.prepareInternal(p.statementText(), oids);
            session.sqlPrepared.add(p.name(), prepared);
            return new Results.Command("PREPARE");
        } else if (u instanceof UtilityStatement.Execute e) {
            return executePrepared(e);
        } else if (u instanceof UtilityStatement.Deallocate d) {
            if (d.name() == null) {
                session.sqlPrepared.clear();
                return new Results.Command("DEALLOCATE ALL");
            }
            session.sqlPrepared.remove(d.name());
            return new Results.Command("DEALLOCATE");
        } else if (u instanceof UtilityStatement.DiscardAll d) {
            if (state.inBlock()) throw new DbException(SqlState.ACTIVE_SQL_TRANSACTION, "DISCARD ALL cannot run inside a transaction block");
            settings.reset("all", false);
            session.sqlPrepared.clear();
            unlisten("*");
            session.syncTransactionSettings();
            return new Results.Command("DISCARD ALL");
        } else if (u instanceof UtilityStatement.Vacuum v) {
            if (state.inBlock()) throw new DbException(SqlState.ACTIVE_SQL_TRANSACTION, "VACUUM cannot run inside a transaction block");
            return new Results.Command("VACUUM");
        } else if (u instanceof UtilityStatement.Analyze a) {
            return analyze(a);
        } else if (u instanceof UtilityStatement.Checkpoint c) {
            return new Results.Command("CHECKPOINT");
        } else if (u instanceof UtilityStatement.Copy c) {
            return new CopyCommands(session).execute(c, currentText);
        } else if (u instanceof UtilityStatement.Truncate t) {
            return new DdlExecutor(session).truncate(t);
        } else if (u instanceof UtilityStatement.Explain e) {
            return explain(e);
        } else if (u instanceof UtilityStatement.Privileges p) {
            for (String role : p.roles()) Roles.require(session, role);
            return new Results.Command(p.command());
        } else if (u instanceof UtilityStatement.CreateExtension x) {
            return createExtension(x);
        } else if (u instanceof UtilityStatement.CreateDatabase c) {
            return new DatabaseCommands(session).create(c.name());
        } else if (u instanceof UtilityStatement.DropDatabase d) {
            return new DatabaseCommands(session).drop(d.name(), d.ifExists(), d.force());
        }
        throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "statement not supported: " + u);
    }

    /** Extensions whose SQL surface (what migrations create them for) is built in: uuid_generate_v4, gen_random_uuid. */
    private static final List<String> BUILT_IN_EXTENSIONS = List.of("pgcrypto", "plpgsql", "uuid-ossp");

    private static StatementResult createExtension(UtilityStatement.CreateExtension x) {
        if (!BUILT_IN_EXTENSIONS.contains(x.name())) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "extension \"" + x.name() + "\" is not available", null,
                    "Built in: " + String.join(", ", BUILT_IN_EXTENSIONS) + ".", 0, null);
        }
        return new Results.Command("CREATE EXTENSION", x.ifNotExists() ? "extension \"" + x.name() + "\" already exists, skipping" : null);
    }

    private StatementResult endBlock(boolean commit, boolean chain) {
        TransactionState state = session.transactionState;
        String notice = state.mode() == TransactionState.Mode.NONE ? "there is no transaction in progress" : null;
        String isolation = state.isolation();
        boolean readOnly = state.readOnly();
        String tag;
        try {
            if (commit) {
                tag = state.commit();
            } else {
                state.rollback();
                tag = "ROLLBACK";
            }
            session.settings.endBlock(tag.equals("COMMIT"));
        } catch (RuntimeException e) {
            session.settings.endBlock(false);
            session.syncTransactionSettings();
            throw e;
        }
        if (chain && isolation != null) state.begin(isolation, readOnly);
        session.syncTransactionSettings();
        return new Results.Command(tag, notice);
    }

    private StatementResult set(UtilityStatement.Set s) {
        TransactionState state = session.transactionState;
        String name = s.name().toLowerCase(Locale.ROOT);
        if (s.values().isEmpty()) {
            session.settings.reset(name, state.inBlock());
            return new Results.Command("SET");
        }
        String value = String.join(", ", s.values());
        if (name.equals("transaction_isolation") || name.equals("transaction_read_only")) {
            if (state.mode() == TransactionState.Mode.NONE) return new Results.Command("SET", "SET TRANSACTION can only be used in transaction blocks");
            if (name.equals("transaction_isolation")) state.setCharacteristics(SessionSettings.normalize(name, value), null);
            else state.setCharacteristics(null, SessionSettings.parseBoolean(name, value));
            session.syncTransactionSettings();
            return new Results.Command("SET");
        }
        session.settings.set(name, value, s.local(), state.inBlock());
        if (state.mode() == TransactionState.Mode.NONE && name.startsWith("default_transaction")) session.syncTransactionSettings();
        return new Results.Command("SET");
    }

    private StatementResult show(String name) {
        if (name.equals("all")) {
            List<Object[]> rows = new ArrayList<>();
            for (Map.Entry<String, String> e : session.settings.all().entrySet()) {
                rows.add(new Object[] {e.getKey(), e.getValue(), ""});
            }
            return new Results.Buffered(List.of(ResultColumn.of("name", DataType.TEXT), ResultColumn.of("setting", DataType.TEXT),
                    ResultColumn.of("description", DataType.TEXT)), rows, "SHOW");
        }
        String value = session.settings.get(name);
        if (value == null) throw new DbException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {value});
        return new Results.Buffered(List.of(ResultColumn.of(name, DataType.TEXT)), rows, "SHOW");
    }

    private void unlisten(String channel) {
        if (channel.equals("*")) {
            for (String c : session.channels) session.engine.notifications().unlisten(c, session);
            session.channels.clear();
        } else if (session.channels.remove(channel)) {
            session.engine.notifications().unlisten(channel, session);
        }
    }

    private StatementResult executePrepared(UtilityStatement.Execute e) {
        Prepared p = session.sqlPrepared.get(e.name());
        List<DataType> types = p.parameterTypes();
        if (e.parameterTexts().size() != types.size()) {
            throw new DbException(SqlState.SYNTAX_ERROR, "wrong number of parameters for prepared statement \"" + e.name()
                    + "\"", "Expected " + types.size() + " parameters but got " + e.parameterTexts().size() + ".", null, 0, null);
        }
        Object[] values = new Object[types.size()];
        if (values.length > 0) {
            Prepared select = session.prepareInternal("SELECT " + String.join(", ", e.parameterTexts()), null);
            StatementResult r = session.executePlanned(select, new Object[0]);
            Object[][] row = new Object[1][];
            r.fetch(x -> row[0] = x.clone(), 1);
            r.close();
            for (int i = 0; i < values.length; i++) values[i] = Casts.cast(row[0][i], types.get(i));
        }
        if (p.utility != null) return execute(p.utility, values);
        if (p.catalogVersion != session.engine.transactionManager().catalog().version()) {
            p = session.engine.prepare(p.text(), p.declaredOids());
        }
        return session.executePlanned(p, values);
    }

    /** ANALYZE [tables]: fresh planner statistics (all tables when none is named; 42P01 for an unknown one). */
    private StatementResult analyze(UtilityStatement.Analyze a) {
        io.tableos.db.catalog.Catalog catalog = session.engine.transactionManager().catalog();
        List<io.tableos.db.catalog.TableDef> tables = new ArrayList<>();
        if (a.tables().isEmpty()) tables.addAll(catalog.tables());
        for (List<String> name : a.tables()) {
            String schema = name.size() == 2 ? name.get(0) : "public";
            io.tableos.db.catalog.TableDef t = catalog.table(schema, name.get(name.size() - 1));
            if (t == null) throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + String.join(".", name) + "\" does not exist");
            tables.add(t);
        }
        session.engine.analyze(tables);
        return new Results.Command("ANALYZE");
    }

    /** {@code ANALYZE}, {@code ANALYZE true|on|1} (not {@code ANALYZE false|off|0}). */
    private static boolean isAnalyzeOption(String option) {
        String[] words = option.toLowerCase(Locale.ROOT).split(" ");
        if (!words[0].equals("analyze") && !words[0].equals("analyse")) return false;
        return words.length == 1 || !List.of("false", "off", "0").contains(words[1]);
    }

    /**
     * EXPLAIN ANALYZE: runs the statement in the session's transaction (a DML statement's
     * changes stay, as in PostgreSQL) counting each node's rows, then prints the plan with
     * them and the execution time.
     */
    private String explainAnalyze(PlannedStatement planned) {
        io.tableos.db.sql.exec.ExecContext ctx = session.newContext(session.currentTransaction(), new Object[0]);
        io.tableos.db.sql.exec.PlanInstrumentation counts = ctx.instrument();
        long start = System.nanoTime();
        String text;
        if (planned instanceof PlannedStatement.Query q) {
            try (io.tableos.db.sql.exec.RowIterator rows = ctx.open(q.query().node(), null)) {
                while (rows.next() != null) ctx.checkInterrupts();
            }
            text = io.tableos.db.sql.exec.PlanText.render(q.query().node(), counts);
        } else {
            io.tableos.db.sql.exec.dml.DmlExecutor dml = ((PlannedStatement.Dml) planned).dml().executor();
            dml.execute(ctx);
            text = io.tableos.db.sql.exec.PlanText.render(dml.headline() + "  (actual rows=0 loops=1)", dml.sources(), counts);
        }
        return text + String.format(Locale.ROOT, "\nExecution Time: %.3f ms", (System.nanoTime() - start) / 1e6);
    }

    private StatementResult explain(UtilityStatement.Explain e) {
        Prepared inner = session.prepareInternal(e.statementText(), null);
        String text;
        boolean analyze = e.options().stream().anyMatch(UtilityCommands::isAnalyzeOption);
        if (analyze && (inner.planned instanceof PlannedStatement.Query || inner.planned instanceof PlannedStatement.Dml)) text = explainAnalyze(inner.planned);
        else if (inner.planned != null) text = PlannedStatement.explain(inner.planned);
        else text = "Utility Statement";
        List<Object[]> rows = new ArrayList<>();
        for (String line : text.split("\n")) rows.add(new Object[] {line});
        return new Results.Buffered(List.of(ResultColumn.of("QUERY PLAN", DataType.TEXT)), rows, "EXPLAIN");
    }
}
