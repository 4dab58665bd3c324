package io.tableos.db.sql.engine;

import static io.tableos.db.sql.engine.EngineFixture.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tableos.db.types.DbException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a session's setting defaults come from, lowest first: the built-in (PostgreSQL's)
 * value, the node's --set, ALTER DATABASE ... SET of the database it connected to, then the
 * client's startup parameters (issue 11: default_transaction_isolation per session, per
 * database and per node).
 */
class SettingDefaultsTest {
    @TempDir
    Path dir;

    private static String show(SqlSessionImpl session, String name) {
        return (String) run(session, "SHOW " + name).get(0)[0];
    }

    @Test
    void nodeThenDatabaseThenStartupParameters() throws Exception {
        EngineSettings node = EngineSettings.defaults().withSessionDefaults(Map.of("default_transaction_isolation", "repeatable read",
                "statement_timeout", "5s"));
        try (EngineFixture f = new EngineFixture(dir, node)) {
            SqlSessionImpl admin = f.engine.openSessionImpl(Map.of("user", "tableos", "database", "tableos"));
            assertEquals("repeatable read", show(admin, "default_transaction_isolation"), "the node's --set");
            assertEquals("5s", show(admin, "statement_timeout"));
            run(admin, "CREATE DATABASE settings_db");
            run(admin, "ALTER DATABASE settings_db SET default_transaction_isolation TO 'serializable'");

            SqlSessionImpl onDb = f.engine.openSessionImpl(Map.of("user", "tableos", "database", "settings_db"));
            assertEquals("serializable", show(onDb, "default_transaction_isolation"), "the database's over the node's");
            assertEquals("serializable", show(onDb, "transaction_isolation"));
            assertEquals("5s", show(onDb, "statement_timeout"), "the node's where the database sets nothing");
            run(onDb, "SET default_transaction_isolation = 'read committed'");
            run(onDb, "RESET default_transaction_isolation");
            assertEquals("serializable", show(onDb, "default_transaction_isolation"), "RESET returns to the database's value");

            SqlSessionImpl withOption = f.engine.openSessionImpl(Map.of("user", "tableos", "database", "settings_db",
                    "options", "-c default_transaction_isolation=read\\ committed"));
            assertEquals("read committed", show(withOption, "default_transaction_isolation"), "startup parameters over both");

            run(admin, "ALTER DATABASE settings_db RESET ALL");
            SqlSessionImpl afterReset = f.engine.openSessionImpl(Map.of("user", "tableos", "database", "settings_db"));
            assertEquals("repeatable read", show(afterReset, "default_transaction_isolation"), "back to the node's");
        }
    }

    @Test
    void badValuesAreRefusedWhereTheyAreGiven() throws Exception {
        try (EngineFixture f = new EngineFixture(dir)) {
            SqlSessionImpl admin = f.engine.openSessionImpl(Map.of("user", "tableos", "database", "tableos"));
            assertEquals("22023", assertThrows(DbException.class,
                    () -> run(admin, "ALTER DATABASE tableos SET default_transaction_isolation = 'sometimes'")).sqlState());
            assertEquals("55P02", assertThrows(DbException.class, () -> run(admin, "ALTER DATABASE tableos SET server_version = '9'")).sqlState());
            assertEquals("3D000", assertThrows(DbException.class, () -> run(admin, "ALTER DATABASE nowhere SET work_mem = '4MB'")).sqlState());
            assertEquals("0A000", assertThrows(DbException.class, () -> run(admin, "ALTER DATABASE tableos OWNER TO someone")).sqlState());
        }
        EngineSettings bad = EngineSettings.defaults().withSessionDefaults(Map.of("default_transaction_isolation", "sometimes"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EngineFixture(dir.resolve("bad"), bad).close());
        assertEquals(true, e.getMessage().startsWith("--set default_transaction_isolation=sometimes"), e.getMessage());
    }
}
