package io.tableos.db.txn.log;

/** A log entry that fails its CRC, version or structure checks: a broken invariant, fatal for the replica. */
public final class CorruptEntryException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public CorruptEntryException(String message) {
        super(message);
    }
}
