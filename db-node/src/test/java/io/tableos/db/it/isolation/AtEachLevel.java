package io.tableos.db.it.isolation;

import static org.junit.jupiter.api.Assertions.assertAll;

import io.tableos.db.it.oracle.Database;
import java.util.Arrays;

/**
 * Runs one scenario at READ COMMITTED, REPEATABLE READ and SERIALIZABLE, each on a fresh
 * fixture, and reports every level that failed (not only the first), each failure prefixed
 * with its level.
 */
final class AtEachLevel {
    private AtEachLevel() {}

    @FunctionalInterface
    interface Scenario {
        void run(Database db, Level level) throws Exception;
    }

    static void run(Database db, Scenario scenario) {
        assertAll(Arrays.stream(Level.values()).map(level -> () -> {
            try {
                scenario.run(db, level);
            } catch (Throwable e) {
                throw new AssertionError("[" + level + "] " + e, e);
            }
        }));
    }
}
