package io.tableos.db.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pgbench against a node: initialise at scale 10 with the default steps (drop, create,
 * client-side COPY, VACUUM, primary keys), run the TPC-B-like and select-only scripts with 8
 * clients in simple, extended and prepared modes, no failed transaction, and after each
 * TPC-B run the money adds up: the sum of pgbench_history deltas (pgbench truncates the history
 * before each run) equals the change of the account, teller and branch balance totals.
 */
class PgbenchTest {
    static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");
    static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");

    @TempDir
    Path dir;

    @Test
    void initRunAndStayConsistent() throws Exception {
        try (TestNode node = TestNode.start(dir)) {
            ExternalTool.Result init = ExternalTool.run(node, 600, "pgbench", "-i", "-s", "10", "-q");
            assertEquals(0, init.exitCode(), init.output());
            for (String mode : new String[] {"simple", "extended", "prepared"}) {
                long[] before = balanceTotals(node);
                ExternalTool.Result tpcb = ExternalTool.run(node, 300, "pgbench", "-c", "8", "-j", "2", "-t", "100", "-M", mode);
                assertCompleted(tpcb, 800);
                long[] after = balanceTotals(node);
                try (Connection c = node.connect(); Statement s = c.createStatement()) {
                    long history = single(s, "SELECT coalesce(sum(delta), 0) FROM pgbench_history");
                    assertEquals(800, single(s, "SELECT count(*) FROM pgbench_history"), mode);
                    assertEquals(history, after[0] - before[0], mode + ": accounts");
                    assertEquals(history, after[1] - before[1], mode + ": tellers");
                    assertEquals(history, after[2] - before[2], mode + ": branches");
                    assertEquals(1_000_000, single(s, "SELECT count(*) FROM pgbench_accounts"));
                }
                ExternalTool.Result selectOnly = ExternalTool.run(node, 300, "pgbench", "-S", "-c", "8", "-j", "2", "-t", "200", "-M", mode);
                assertCompleted(selectOnly, 1600);
            }
        }
    }

    private static void assertCompleted(ExternalTool.Result run, long transactions) {
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(transactions, count(PROCESSED, run.output()), run.output());
        Matcher failed = FAILED.matcher(run.output());
        assertTrue(!failed.find() || Long.parseLong(failed.group(1)) == 0, run.output());
    }

    private static long[] balanceTotals(TestNode node) throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            return new long[] {
                single(s, "SELECT sum(abalance) FROM pgbench_accounts"),
                single(s, "SELECT sum(tbalance) FROM pgbench_tellers"),
                single(s, "SELECT sum(bbalance) FROM pgbench_branches")};
        }
    }

    private static long count(Pattern p, String output) {
        Matcher m = p.matcher(output);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static long single(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
