package io.tableos.db.wire.pgwire;

import java.security.MessageDigest;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live connections by BackendKeyData process id, so a CancelRequest arriving on another
 * connection can reach them. A request whose secret does not match is ignored silently,
 * as in PostgreSQL (no oracle for guessing keys).
 */
final class CancelRegistry {
    private record Entry(int secretKey, SessionWorker worker) {}

    private final ConcurrentHashMap<Integer, Entry> sessions = new ConcurrentHashMap<>();

    void register(int processId, int secretKey, SessionWorker worker) {
        sessions.put(processId, new Entry(secretKey, worker));
    }

    void unregister(int processId, SessionWorker worker) {
        sessions.computeIfPresent(processId, (pid, e) -> e.worker == worker ? null : e);
    }

    /** @return true when a session was asked to cancel */
    boolean cancel(int processId, int secretKey) {
        Entry e = sessions.get(processId);
        if (e == null) return false;
        if (!MessageDigest.isEqual(intBytes(e.secretKey), intBytes(secretKey))) return false;
        e.worker.cancel();
        return true;
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
