package io.tableos.db.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a 3-node cluster, functions and triggers reach every replica as catalog changes, and a
 * trigger's effects replicate as the leader's writes: each follower holds exactly one audit row
 * per insert (a follower that fired the trigger again while applying would hold more, or fail
 * writing on a replica) and can call the function itself. A procedure's COMMIT and ROLLBACK on the
 * leader replicate as the commits they are.
 */
class RoutineReplicationTest {
    @TempDir
    Path dir;

    @Test
    void triggerWritesReplicateAndFunctionsAreCallableOnFollowers() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3)) {
            cluster.executeOnLeader(
                    "CREATE TABLE IF NOT EXISTS rr_items (id int PRIMARY KEY, name text)",
                    "CREATE TABLE IF NOT EXISTS rr_audit (id int PRIMARY KEY, entry text)",
                    "CREATE OR REPLACE FUNCTION rr_tag(n text) RETURNS text AS $$ SELECT 'seen:' || n $$ LANGUAGE sql",
                    """
                    CREATE OR REPLACE FUNCTION rr_audit_insert() RETURNS trigger AS $$
                    BEGIN
                        INSERT INTO rr_audit VALUES (NEW.id, rr_tag(NEW.name));
                        RETURN NEW;
                    END $$ LANGUAGE plpgsql""",
                    "DROP TRIGGER IF EXISTS rr_items_audit ON rr_items",
                    "CREATE TRIGGER rr_items_audit AFTER INSERT ON rr_items FOR EACH ROW EXECUTE FUNCTION rr_audit_insert()");
            try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
                assertEquals(3, s.executeUpdate("INSERT INTO rr_items VALUES (1, 'a'), (2, 'b'), (3, 'c')"));
                // a procedure's COMMIT and ROLLBACK end transactions on the leader's ordinary commit path
                s.execute("""
                        CREATE OR REPLACE PROCEDURE rr_batches() LANGUAGE plpgsql AS $$
                        BEGIN
                            INSERT INTO rr_items VALUES (10, 'j');
                            COMMIT;
                            INSERT INTO rr_items VALUES (11, 'k');
                            ROLLBACK;
                            INSERT INTO rr_items VALUES (12, 'l');
                        END $$""");
                s.execute("CALL rr_batches()");
            }
            for (int id : cluster.members().keySet()) {
                TestCluster.eventually(() -> "5|seen:a,seen:b,seen:c,seen:j,seen:l|seen:z".equals(stateOn(cluster, id)),
                        "the audit rows on node " + id, 60);
            }
        }
    }

    private static String stateOn(TestCluster cluster, int id) {
        try (Connection c = cluster.connect(id); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), string_agg(entry, ',' ORDER BY id), rr_tag('z') FROM rr_audit")) {
            return rs.next() ? rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getString(3) : null;
        } catch (SQLException e) {
            return null; // the table or function may not have reached this follower yet
        }
    }
}
