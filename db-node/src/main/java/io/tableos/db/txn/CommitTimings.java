package io.tableos.db.txn;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where a commit's wall time goes on this node, as running totals that a benchmark samples
 * twice and divides (sys.metrics {@code commit_*} and {@code entry_*}). A session's commit (every
 * one that reached the sequencer, failed ones included) is
 * {@code sequence} (validation, numbering and handing the entry to Raft, on its own thread
 * unless another holds the combiner) then {@code wait} (until its entry is applied here); an
 * entry is {@code replicate} (submitted to Raft until this node starts applying it: log write,
 * fsync, followers' acknowledgements, Ratis' thread hand-offs) then {@code apply}. What a
 * commit waits beyond its entry's replicate + apply is queueing behind the entry in flight
 * and the wake-up of the session thread.
 *
 * <p>Two {@link System#nanoTime} reads per commit and per entry; {@link LongAdder}s, since
 * every session thread records.
 */
public final class CommitTimings {
    private final LongAdder commits = new LongAdder();
    private final LongAdder sequenceNanos = new LongAdder();
    private final LongAdder waitNanos = new LongAdder();
    private final LongAdder entries = new LongAdder();
    private final LongAdder replicateNanos = new LongAdder();
    private final LongAdder applyNanos = new LongAdder();

    void commit(long sequence, long wait) {
        commits.increment();
        sequenceNanos.add(sequence);
        waitNanos.add(wait);
    }

    /** An entry this node submitted, now applied here. */
    void entry(long replicate, long apply) {
        entries.increment();
        replicateNanos.add(replicate);
        applyNanos.add(apply);
    }

    /** The totals for sys.metrics, named by {@link #NAMES} in order (times in microseconds). */
    public long[] totals() {
        return new long[] {commits.sum(), sequenceNanos.sum() / 1_000, waitNanos.sum() / 1_000,
                entries.sum(), replicateNanos.sum() / 1_000, applyNanos.sum() / 1_000};
    }

    /** The names of {@link #totals()}, in order. */
    public static final List<String> NAMES = List.of("commits_timed", "commit_sequence_us_total", "commit_wait_us_total",
            "entries_timed", "entry_replicate_us_total", "entry_apply_us_total");
}
