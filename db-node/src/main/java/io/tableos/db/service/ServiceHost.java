package io.tableos.db.service;

import io.tableos.db.sql.engine.SqlEngineImpl;
import io.tableos.db.sql.session.SqlSession;
import io.tableos.db.txn.TransactionManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the {@link ServiceModule}s on the node's classpath and installs them into its SQL
 * engine: procedures at once; schemas on the leader, before the node serves SQL when it leads
 * at start (a single node always does), otherwise from a background thread as soon as it leads.
 * A node that never leads never migrates: the leader's DDL reaches it through the log.
 */
public final class ServiceHost {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceHost.class);
    private static final Pattern MODULE_NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    /** How often a node that does not lead checks whether it has become leader (until it migrated once). */
    static final long LEADERSHIP_CHECK_MILLIS = 100;
    /** Pause before repeating a migration that failed (typically: leadership lost midway). */
    static final long MIGRATION_RETRY_MILLIS = 1_000;

    private final List<ServiceModule> modules;
    private final SchemaVersions versions = new SchemaVersions();

    public ServiceHost(List<ServiceModule> modules) {
        Set<String> names = new HashSet<>();
        for (ServiceModule m : modules) {
            if (!MODULE_NAME.matcher(m.name()).matches() || m.name().equals(SchemaVersions.SCHEMA)) {
                throw new IllegalArgumentException("bad service module name: " + m.name());
            }
            if (!names.add(m.name())) throw new IllegalArgumentException("two service modules named " + m.name());
            int expected = 1;
            for (Migration migration : m.migrations()) {
                if (migration.version() != expected++) {
                    throw new IllegalArgumentException(m.name() + ": migration versions must run 1, 2, ... without gaps");
                }
            }
        }
        this.modules = List.copyOf(modules);
    }

    /** The modules {@link ServiceLoader} finds through {@code loader}. */
    public static ServiceHost discover(ClassLoader loader) {
        List<ServiceModule> found = new ArrayList<>();
        for (ServiceModule m : ServiceLoader.load(ServiceModule.class, loader)) found.add(m);
        return new ServiceHost(found);
    }

    public List<ServiceModule> modules() {
        return modules;
    }

    /** Registers every module's procedures and gets its schema migrated (see the class comment). */
    public void install(SqlEngineImpl engine, TransactionManager transactions) {
        if (modules.isEmpty()) return;
        for (ServiceModule m : modules) m.registerProcedures(new ServiceProcedures(engine.procedures(), m, versions));
        if (transactions.isLeader()) {
            try {
                migrate(engine);
                return;
            } catch (RuntimeException e) {
                LOG.warn("service schema migration failed at start; retrying in the background: {}", e.getMessage());
            }
        }
        Thread thread = new Thread(() -> migrateOnceLeader(engine, transactions), "tableos-service-migrator");
        thread.setDaemon(true);
        thread.start();
    }

    /** One attempt, in a session opened now: a session takes read-only from the node's role when it opens. */
    private void migrate(SqlEngineImpl engine) {
        SqlSession session = engine.openSession(Map.of("user", "tableos", "application_name", "tableos-services"));
        try {
            new SchemaMigrator(session, versions).migrate(modules);
        } finally {
            session.close();
        }
    }

    /**
     * Waits until whatever the failed attempt sequenced is applied (an empty procedure completes only
     * then), so the retry reads the schema_versions row that attempt may still commit (08007) and
     * does not run a migration twice. (Its DDL statements wait so themselves: DdlExecutor
     * awaits earlier changes before its IF NOT EXISTS checks.) A new leader has applied its
     * predecessors' entries before it leads, so losing leadership meanwhile ends the wait too.
     */
    private static void awaitOutcome(TransactionManager transactions) throws InterruptedException {
        while (transactions.isLeader()) {
            try {
                transactions.runProcedure(transaction -> null);
                return;
            } catch (RuntimeException e) {
                Thread.sleep(MIGRATION_RETRY_MILLIS);
            }
        }
    }

    private void migrateOnceLeader(SqlEngineImpl engine, TransactionManager transactions) {
        try {
            awaitOutcome(transactions);  // of a failed first attempt at start, if there was one
            while (true) {
                if (transactions.isLeader()) {
                    try {
                        migrate(engine);
                        return;
                    } catch (RuntimeException e) {
                        LOG.warn("service schema migration failed; retrying: {}", e.getMessage());
                        Thread.sleep(MIGRATION_RETRY_MILLIS);
                        awaitOutcome(transactions);
                    }
                } else {
                    Thread.sleep(LEADERSHIP_CHECK_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
