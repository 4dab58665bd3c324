package io.tableos.db.it.isolation;

import java.sql.SQLException;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/** The body of one random transaction of a randomized history, run against {@link HistoryTable.Access}. */
@FunctionalInterface
interface Workload {
    void transaction(HistoryTable table, HistoryTable.Access access, RecordedTransaction t, Random random) throws SQLException;

    /** Counters modulo this, so values stay small whatever the history's length. */
    long COUNTER_MODULUS = 1_000_003;

    /**
     * Reads one to three rows (one statement per row, or one range), then writes some of them,
     * in key order, with the sum of all it read plus one: each write depends on every read.
     */
    static Workload counters() {
        return (table, access, t, random) -> {
            TreeSet<Integer> keys = new TreeSet<>();
            int wanted = 1 + random.nextInt(3);
            while (keys.size() < wanted) keys.add(random.nextInt(table.rows));
            Map<Integer, Version> seen = new TreeMap<>();
            if (random.nextBoolean()) {
                for (int key : keys) seen.putAll(access.read(t, key, key));
            } else {
                seen.putAll(access.read(t, keys.first(), keys.last()));
            }
            long next = (seen.values().stream().mapToLong(Version::value).sum() + 1) % COUNTER_MODULUS;
            for (int key : keys) {
                if (random.nextInt(3) > 0) access.write(t, key, next);
            }
        };
    }

    /** Three in ten transactions audit ({@link #audit}); the others transfer ({@link #transfer}). */
    static Workload transfersAndAudits() {
        return (table, access, t, random) -> {
            if (random.nextInt(10) < 3) {
                audit(table, access, t, random);
            } else {
                transfer(table, access, t, random);
            }
        };
    }

    /** Reads every balance, in one statement or row by row. */
    static void audit(HistoryTable table, HistoryTable.Access access, RecordedTransaction t, Random random) throws SQLException {
        if (random.nextBoolean()) {
            access.read(t, 0, table.rows - 1);
        } else {
            for (int key = 0; key < table.rows; key++) access.read(t, key, key);
        }
    }

    /** Moves 1-40 between two accounts if the payer has it, reading both balances first. */
    static void transfer(HistoryTable table, HistoryTable.Access access, RecordedTransaction t, Random random) throws SQLException {
        int from = random.nextInt(table.rows);
        int to = (from + 1 + random.nextInt(table.rows - 1)) % table.rows;
        long payer = access.read(t, from, from).get(from).value();
        long payee = access.read(t, to, to).get(to).value();
        long amount = 1 + random.nextInt(40);
        if (payer < amount) return;
        // in key order, so two transfers never wait for each other's rows in opposite orders
        if (from < to) {
            access.write(t, from, payer - amount);
            access.write(t, to, payee + amount);
        } else {
            access.write(t, to, payee + amount);
            access.write(t, from, payer - amount);
        }
    }
}
