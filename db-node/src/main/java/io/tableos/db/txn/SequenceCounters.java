package io.tableos.db.txn;

import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.storage.Storage;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.HashMap;
import java.util.Map;

/**
 * The leader's current value of each sequence, handed out without waiting for the log
 * (nextval is not transactional). Initialised lazily from storage after this node became
 * leader (when every earlier write is applied) and dropped on leadership changes.
 * A value handed to a transaction that never commits may be handed out again after a
 * failover; committed values never repeat (replicas persist the highest committed one).
 */
final class SequenceCounters {
    /** PostgreSQL's sequence_generator_limit_exceeded. */
    static final String SEQUENCE_LIMIT_EXCEEDED = "2200H";

    private final Storage storage;
    private final Map<Long, Long> lastValues = new HashMap<>();

    SequenceCounters(Storage storage) {
        this.storage = storage;
    }

    synchronized long next(SequenceDef def) {
        long last = lastValues.computeIfAbsent(def.id(), storage::sequenceValue);
        long next;
        try {
            next = Math.addExact(last, def.increment());
        } catch (ArithmeticException overflow) {
            next = def.increment() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
            if (!def.cycle()) throw limit(def, def.increment() > 0);
        }
        if (def.increment() > 0 && next > def.maxValue()) {
            if (!def.cycle()) throw limit(def, true);
            next = def.minValue();
        } else if (def.increment() < 0 && next < def.minValue()) {
            if (!def.cycle()) throw limit(def, false);
            next = def.maxValue();
        }
        lastValues.put(def.id(), next);
        return next;
    }

    private static DbException limit(SequenceDef def, boolean max) {
        return new DbException(SEQUENCE_LIMIT_EXCEEDED, "nextval: reached " + (max ? "maximum" : "minimum")
                + " value of sequence \"" + def.name() + "\" (" + (max ? def.maxValue() : def.minValue()) + ")");
    }

    /** setval: the stored "last value" becomes {@code value} (called) or one step before it. */
    synchronized long set(SequenceDef def, long value, boolean called) {
        if (value < def.minValue() || value > def.maxValue()) {
            throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "setval: value " + value
                    + " is out of bounds for sequence \"" + def.name() + "\" (" + def.minValue() + ".." + def.maxValue() + ")");
        }
        long last = called ? value : value - def.increment();
        lastValues.put(def.id(), last);
        return last;
    }

    synchronized void forget(long sequenceId) {
        lastValues.remove(sequenceId);
    }

    synchronized void clear() {
        lastValues.clear();
    }
}
