package io.tableos.db.it.isolation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides whether a history of committed read-modify-write transactions is serializable, and
 * finds the serial order. Every version names its writer and every writer read the version it
 * overwrote, so the database's version order of each row is the chain initial → the writer that
 * read it → the writer that read that one → ...; a version with two successors is a lost
 * update. From the chains come Adya's dependency edges: write-write (next version), write-read
 * (read a version) and read-write (read a version that another transaction overwrote). The
 * history is serializable iff that graph has no cycle; a topological order is then a serial
 * order, which {@link #check} replays from the initial state to confirm that every transaction
 * reads there exactly what it read in the database and that the final state is the table's.
 */
final class SerialOrder {
    private final Map<Long, RecordedTransaction> byId = new HashMap<>();
    private final Map<Long, Set<Long>> successors = new HashMap<>();

    private SerialOrder(List<RecordedTransaction> committed) {
        for (RecordedTransaction t : committed) {
            byId.put(t.id, t);
            successors.put(t.id, new LinkedHashSet<>());
        }
    }

    /** Returns a serial order of {@code committed}; fails naming the anomaly if there is none. */
    static List<RecordedTransaction> check(Map<Integer, Version> initial, List<RecordedTransaction> committed,
            Map<Integer, Version> finalState) {
        SerialOrder order = new SerialOrder(committed);
        order.checkReadsCommittedVersions(initial);
        Map<Integer, List<Long>> chains = order.versionChains(initial.keySet(), finalState);
        order.addEdges(chains);
        List<RecordedTransaction> serial = order.topologicalOrder();
        replay(initial, serial, finalState);
        return serial;
    }

    /** No read of a version that no committed transaction wrote (aborted or intermediate: G1a, G1b). */
    private void checkReadsCommittedVersions(Map<Integer, Version> initial) {
        for (RecordedTransaction t : byId.values()) {
            t.reads().forEach((key, v) -> {
                Version written = v.writer() == Version.INITIAL_WRITER ? initial.get(key)
                        : byId.containsKey(v.writer()) ? byId.get(v.writer()).writes().get(key) : null;
                if (!v.equals(written)) throw new AssertionError(t + " read row " + key + " = " + v + ", which no committed transaction wrote");
            });
        }
    }

    /** Each row's versions, oldest first, as writer ids (the first is the initial writer). */
    private Map<Integer, List<Long>> versionChains(Set<Integer> keys, Map<Integer, Version> finalState) {
        Map<Integer, Map<Long, Long>> next = new TreeMap<>();
        for (RecordedTransaction t : byId.values()) {
            t.writes().forEach((key, v) -> {
                long overwritten = t.reads().get(key).writer();
                Long other = next.computeIfAbsent(key, k -> new HashMap<>()).putIfAbsent(overwritten, t.id);
                if (other != null) {
                    throw new AssertionError("lost update of row " + key + ": both " + byId.get(other) + " and " + t
                            + " overwrote the version of T" + overwritten);
                }
            });
        }
        Map<Integer, List<Long>> chains = new TreeMap<>();
        for (int key : keys) {
            Map<Long, Long> after = next.getOrDefault(key, Map.of());
            List<Long> chain = new ArrayList<>(List.of(Version.INITIAL_WRITER));
            for (Long w = after.get(Version.INITIAL_WRITER); w != null; w = after.get(w)) chain.add(w);
            if (chain.size() != after.size() + 1) {
                throw new AssertionError("row " + key + ": writers " + after.values() + " do not form one chain from the initial version: " + chain);
            }
            Version last = finalState.get(key);
            if (last == null || last.writer() != chain.get(chain.size() - 1)) {
                throw new AssertionError("row " + key + " ends at " + last + ", not at the last version of its chain " + chain);
            }
            chains.put(key, chain);
        }
        return chains;
    }

    private void addEdges(Map<Integer, List<Long>> chains) {
        chains.forEach((key, chain) -> {
            for (int i = 1; i + 1 < chain.size(); i++) edge(chain.get(i), chain.get(i + 1));
        });
        for (RecordedTransaction t : byId.values()) {
            t.reads().forEach((key, v) -> {
                List<Long> chain = chains.get(key);
                int position = chain.indexOf(v.writer());
                if (v.writer() != Version.INITIAL_WRITER) edge(v.writer(), t.id);
                if (position + 1 < chain.size()) edge(t.id, chain.get(position + 1));
            });
        }
    }

    private void edge(long from, long to) {
        if (from != to) successors.get(from).add(to);
    }

    /** Kahn's algorithm; a leftover transaction lies on or behind a cycle, which the error names. */
    private List<RecordedTransaction> topologicalOrder() {
        Map<Long, Integer> incoming = new HashMap<>();
        byId.keySet().forEach(id -> incoming.put(id, 0));
        successors.values().forEach(s -> s.forEach(to -> incoming.merge(to, 1, Integer::sum)));
        Deque<Long> ready = new ArrayDeque<>();
        incoming.forEach((id, n) -> {
            if (n == 0) ready.add(id);
        });
        List<RecordedTransaction> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            long id = ready.poll();
            order.add(byId.get(id));
            for (long to : successors.get(id)) {
                if (incoming.merge(to, -1, Integer::sum) == 0) ready.add(to);
            }
        }
        if (order.size() != byId.size()) throw new AssertionError("not serializable: dependency cycle " + cycle(incoming));
        return order;
    }

    /** A cycle among the transactions Kahn's algorithm could not order (each has a predecessor among them). */
    private List<RecordedTransaction> cycle(Map<Long, Integer> incoming) {
        Map<Long, Long> predecessor = new HashMap<>();
        successors.forEach((from, tos) -> {
            if (incoming.get(from) > 0) tos.forEach(to -> {
                if (incoming.get(to) > 0) predecessor.putIfAbsent(to, from);
            });
        });
        long start = predecessor.keySet().iterator().next();
        List<Long> walk = new ArrayList<>();
        while (!walk.contains(start)) {
            walk.add(start);
            start = predecessor.get(start);
        }
        List<RecordedTransaction> cycle = new ArrayList<>();
        for (long id : walk.subList(walk.indexOf(start), walk.size())) cycle.add(0, byId.get(id));
        return cycle;
    }

    private static void replay(Map<Integer, Version> initial, List<RecordedTransaction> serial, Map<Integer, Version> finalState) {
        Map<Integer, Version> state = new TreeMap<>(initial);
        for (RecordedTransaction t : serial) {
            t.reads().forEach((key, v) -> {
                if (!v.equals(state.get(key))) throw new AssertionError("serial replay: " + t + " read row " + key + " = " + v + ", the state has " + state.get(key));
            });
            state.putAll(t.writes());
        }
        if (!state.equals(finalState)) throw new AssertionError("serial replay ends at " + state + ", the table holds " + finalState);
    }
}
