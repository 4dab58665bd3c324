package io.tableos.db.sql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.catalog.FunctionDef;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Functions (with their ALTER FUNCTION settings) and triggers survive a restart: first rebuilt by
 * replaying their DDL log entries, then loaded from a snapshot taken after them (plus a function
 * replaced after the snapshot, replayed from the log). Each phase opens a fresh engine on the same
 * data directory, calls the function and writes through the trigger.
 */
class RoutineRestartTest {
    @TempDir
    Path dir;

    @Test
    void functionsAndTriggersSurviveLogReplayAndSnapshots() throws Exception {
        try (EngineFixture f = new EngineFixture(dir); SqlSessionImpl s = f.session()) {
            EngineFixture.run(s, "create table items (id int primary key, name text)");
            EngineFixture.run(s, "create table audit (id int primary key, entry text)");
            EngineFixture.run(s, "create function tag(n text) returns text as $$ begin return 'v1:' || n; end $$ language plpgsql");
            EngineFixture.run(s, "alter function tag(text) set search_path = pg_catalog, pg_temp");
            EngineFixture.run(s, """
                    create function audit_insert() returns trigger as $$
                    begin
                        insert into audit values (NEW.id, tag(NEW.name));
                        return NEW;
                    end $$ language plpgsql""");
            EngineFixture.run(s, "create trigger items_audit after insert on items for each row execute function audit_insert()");
            EngineFixture.run(s, "insert into items values (1, 'a')");
        }
        try (EngineFixture f = new EngineFixture(dir); SqlSessionImpl s = f.session()) {
            assertSettings(f);
            EngineFixture.run(s, "insert into items values (2, 'b')");
            assertEquals(List.of("v1:a", "v1:b"), entries(s));
            assertTrue(f.transactions.takeSnapshot() > 0);
            EngineFixture.run(s, "create or replace function tag(n text) returns text as 'select ''v2:'' || n' language sql");
        }
        try (EngineFixture f = new EngineFixture(dir); SqlSessionImpl s = f.session()) {
            EngineFixture.run(s, "insert into items values (3, 'c')");
            assertEquals(List.of("v1:a", "v1:b", "v2:c"), entries(s));
            assertEquals(1, f.catalog.routines().triggers().size());
        }
    }

    private static void assertSettings(EngineFixture f) {
        List<FunctionDef> tag = f.catalog.routines().functions("public", "tag");
        assertEquals(1, tag.size());
        assertEquals(List.of("search_path=pg_catalog, pg_temp"), tag.get(0).settings());
    }

    private static List<String> entries(SqlSessionImpl s) {
        return EngineFixture.run(s, "select entry from audit order by id").stream().map(r -> (String) r[0]).toList();
    }
}
