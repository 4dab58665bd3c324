package io.tableos.db.sql.engine;

import java.util.concurrent.ConcurrentHashMap;
import io.tableos.db.catalog.BackendActivity;
import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.SearchPath;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.catalog.SystemTables;
import io.tableos.db.sql.exec.ProcedureRegistry;
import io.tableos.db.sql.parse.JsqlStatement;
import io.tableos.db.sql.parse.ParsedStatement;
import io.tableos.db.sql.parse.SqlFrontEnd;
import io.tableos.db.sql.parse.StatementSplitter;
import io.tableos.db.sql.parse.UtilityStatement;
import io.tableos.db.sql.plan.ParamTypes;
import io.tableos.db.sql.plan.PlanContext;
import io.tableos.db.sql.plan.PlannedStatement;
import io.tableos.db.sql.plan.CallPlanner;
import io.tableos.db.sql.plan.StatementPlanner;
import io.tableos.db.sql.session.SqlEngine;
import io.tableos.db.sql.session.SqlSession;
import io.tableos.db.storage.RowPredicateCompiler;
import io.tableos.db.txn.TransactionManager;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SQL engine of a node: opens sessions and owns what they share — the plan cache, the
 * LISTEN/NOTIFY hub (registered as the transaction manager's notification sink), backend
 * process ids, the procedure registry and the partial-index predicate compiler.
 */
public final class SqlEngineImpl implements SqlEngine {
    private final TransactionManager transactionManager;
    private final SystemTables systemTables;
    private final EngineSettings settings;
    private final PlanCache planCache;
    private final NotificationHub notifications = new NotificationHub();
    private final ProcedureRegistry procedures = new ProcedureRegistry();
    private final Object ddlLock = new Object();
    private final AdvisoryLockTable advisoryLocks = new AdvisoryLockTable();
    private final RetypesInBlocks retypesInBlocks = new RetypesInBlocks();
    /** Server-side functions and triggers, with their parsed bodies. */
    private final io.tableos.db.sql.plpgsql.PlpgsqlRoutines routines = new io.tableos.db.sql.plpgsql.PlpgsqlRoutines();
    private final NodeStatistics statistics;
    /** Process ids start above PostgreSQL's typical small pids only to look plausible; they only need to be unique per node. */
    private final AtomicInteger nextProcessId = new AtomicInteger(1000);
    /** Open sessions by process id (pg_stat_activity); bounded by the server's connection limit. */
    private final ConcurrentHashMap<Integer, SqlSessionImpl> sessions = new ConcurrentHashMap<>();

    public SqlEngineImpl(TransactionManager transactionManager, SystemTables systemTables, EngineSettings settings) {
        this.transactionManager = transactionManager;
        this.systemTables = systemTables;
        this.settings = settings.withSessionDefaults(checkedDefaults(settings.sessionDefaults()));
        this.planCache = new PlanCache(settings.planCacheEntriesMax());
        this.statistics = new NodeStatistics(transactionManager.storage());
        transactionManager.setNotificationSink(notifications);
    }

    /** The node's --set defaults, normalized; a bad one stops the node at start, naming it. */
    private static Map<String, String> checkedDefaults(Map<String, String> defaults) {
        Map<String, String> checked = new java.util.HashMap<>();
        defaults.forEach((name, value) -> {
            try {
                checked.put(name, SessionSettings.checkedDefault(name, value));
            } catch (DbException e) {
                throw new IllegalArgumentException("--set " + name + "=" + value + ": " + e.getMessage(), e);
            }
        });
        return checked;
    }

    @Override
    public SqlSession openSession(Map<String, String> startupParameters) {
        String database = startupParameters.getOrDefault("database", startupParameters.get("user"));
        if (database == null || !transactionManager().catalog().hasDatabase(database)) {
            throw new DbException(SqlState.INVALID_CATALOG_NAME, "database \"" + database + "\" does not exist");
        }
        return openSessionImpl(startupParameters);
    }

    /** True when a session other than {@code exceptProcessId} is connected to {@code database}. */
    boolean hasOtherSessionOn(String database, int exceptProcessId) {
        for (SqlSessionImpl s : sessions.values()) {
            if (s.processId != exceptProcessId && s.databaseName.equals(database)) return true;
        }
        return false;
    }

    /** The same as {@link #openSession}, typed for callers inside the node (tests, procedures). */
    public SqlSessionImpl openSessionImpl(Map<String, String> startupParameters) {
        int pid = nextProcessId.getAndUpdate(p -> p == Integer.MAX_VALUE ? 1000 : p + 1);
        SqlSessionImpl session = new SqlSessionImpl(this, pid, startupParameters);
        sessions.put(pid, session);
        return session;
    }

    void sessionClosed(SqlSessionImpl session) {
        sessions.remove(session.processId, session);
    }

    /** What every open session is doing (pg_stat_activity). */
    java.util.List<BackendActivity> backends() {
        java.util.List<BackendActivity> all = new java.util.ArrayList<>();
        for (SqlSessionImpl s : sessions.values()) all.add(s.activity());
        all.sort(java.util.Comparator.comparingInt(BackendActivity::processId));
        return all;
    }

    /** Built-in procedures callable as {@code SELECT * FROM schema.proc(...)}; register at node start. */
    public ProcedureRegistry procedures() {
        return procedures;
    }

    /** Compiles partial-index predicates; same as the static {@link #predicateCompiler()}. */
    public RowPredicateCompiler rowPredicateCompiler() {
        return predicateCompiler();
    }

    /** Needs no engine: storage is created before the engine and takes this at start. */
    public static RowPredicateCompiler predicateCompiler() {
        return new IndexPredicateCompiler();
    }

    public EngineSettings settings() {
        return settings;
    }

    TransactionManager transactionManager() {
        return transactionManager;
    }

    SystemTables systemTables() {
        return systemTables;
    }

    NotificationHub notifications() {
        return notifications;
    }

    RetypesInBlocks retypesInBlocks() {
        return retypesInBlocks;
    }

    /** Serialises this node's DDL: ids are read from the catalog before the change is applied. */
    Object ddlLock() {
        return ddlLock;
    }

    io.tableos.db.sql.plpgsql.PlpgsqlRoutines routines() {
        return routines;
    }

    AdvisoryLockTable advisoryLocks() {
        return advisoryLocks;
    }

    /** ANALYZE: new statistics for the tables, then plans are made afresh with them. */
    void analyze(List<TableDef> tables) {
        for (TableDef t : tables) statistics.analyze(t, t.id());
        planCache.clear();
    }

    int planCacheSize() {
        return planCache.size();
    }

    /** Parses and plans a statement, through the plan cache; unqualified names resolve through {@code searchPath}. */
    Prepared prepare(String text, int[] declaredOids, SearchPath searchPath) {
        Catalog catalog = transactionManager.catalog();
        long version = catalog.version();
        // Cache first: only planned statements are cached, and splitting tokenises the whole text.
        Prepared cached = planCache.get(text, declaredOids, version, searchPath);
        if (cached != null) return cached;
        if (StatementSplitter.split(text).isEmpty()) return Prepared.empty(text);
        if (isCreateSequence(text)) {
            // JSqlParser rejects CREATE SEQUENCE IF NOT EXISTS; SequenceDdl parses the text itself.
            Prepared prepared = new Prepared(text, declaredOids, List.of(), List.of(), version, new PlannedStatement.Ddl(null), null);
            planCache.put(text, declaredOids, version, searchPath, prepared);
            return prepared;
        }
        ParsedStatement parsed = SqlFrontEnd.parse(text);
        Prepared prepared;
        if (parsed instanceof UtilityStatement u) {
            prepared = new Prepared(text, declaredOids, declaredTypes(declaredOids), List.of(), version, null, u);
        } else {
            ParamTypes params = new ParamTypes(declaredOids);
            JsqlStatement statement = (JsqlStatement) parsed;
            PlanContext pc = new PlanContext(catalog, systemTables, procedures, params, statistics)
                    .withLongLiterals(statement.longLiterals()).withSearchPath(searchPath);
            PlannedStatement planned = statement.call() ? CallPlanner.plan(pc, statement.statement()) : StatementPlanner.plan(pc, statement.statement());
            prepared = new Prepared(text, declaredOids, params.resolved(), planned.columns(), version, planned, null);
        }
        planCache.put(text, declaredOids, version, searchPath, prepared);
        return prepared;
    }

    private static boolean isCreateSequence(String text) {
        // Only the leading words matter; a statement that is not CREATE is never tokenised, so a
        // quoted identifier cut by the prefix cannot raise a bogus syntax error.
        if (!text.stripLeading().regionMatches(true, 0, "create", 0, 6)) return false;
        List<String> words = SequenceDdl.words(leadingWords(text, 3));
        if (words.size() < 2 || !words.get(0).equals("create")) return false;
        return words.get(1).equals("sequence") || (words.size() > 2 && words.get(1).startsWith("temp") && words.get(2).equals("sequence"));
    }

    /** The first {@code n} blank-separated words of {@code text}, as one string. */
    private static String leadingWords(String text, int n) {
        int i = 0;
        for (int w = 0; w < n; w++) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '"') i++;
        }
        return text.substring(0, i);
    }

    private static List<DataType> declaredTypes(int[] oids) {
        List<DataType> out = new ArrayList<>();
        if (oids == null) return out;
        for (int oid : oids) {
            DataType t = oid == 0 ? DataType.TEXT : DataType.byOid(oid);
            out.add(t == null ? DataType.TEXT : t);
        }
        return out;
    }
}
