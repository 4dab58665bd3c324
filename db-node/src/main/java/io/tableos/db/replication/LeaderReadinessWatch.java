package io.tableos.db.replication;

import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.raftlog.RaftLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says why an elected leader does not serve writes yet. A leader serves writes once it has
 * applied its term's first entry, which needs a majority to store that entry and this node to
 * apply everything before it; normally that takes milliseconds. When it takes longer than
 * {@link #FIRST_WARNING_SECONDS}, a WARN line every {@link #PERIOD_SECONDS} while it lasts gives
 * the indexes (committed, applied, flushed, last; each follower's match index) and where the
 * apply thread is, so an operator (and a failed test) sees which of the two is missing.
 *
 * <p>Costs nothing while leaders become ready in time: one scheduled check per election.
 */
final class LeaderReadinessWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderReadinessWatch.class);
    static final long FIRST_WARNING_SECONDS = 5;
    static final long PERIOD_SECONDS = 5;
    private static final int APPLY_THREAD_FRAMES = 6;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tableos-leader-watch");
        t.setDaemon(true);
        return t;
    });
    private final Supplier<RaftServer.Division> division;

    /** {@code division} may throw (the server is starting or stopping): the check is then skipped. */
    LeaderReadinessWatch(Supplier<RaftServer.Division> division) {
        this.division = division;
    }

    /** This node was just elected leader (of the division's current term). */
    void elected() {
        long since = System.nanoTime();
        long term;
        try {
            term = division.get().getInfo().getCurrentTerm();
        } catch (RuntimeException e) {
            return;
        }
        if (!timer.isShutdown()) timer.schedule(() -> check(term, since), FIRST_WARNING_SECONDS, TimeUnit.SECONDS);
    }

    private void check(long term, long since) {
        RaftServer.Division d;
        try {
            d = division.get();
        } catch (RuntimeException e) {
            return;
        }
        DivisionInfo info = d.getInfo();
        if (!info.isLeader() || info.getCurrentTerm() != term || info.isLeaderReady()) return;
        RaftLog log = d.getRaftLog();
        long[] matches = info.getFollowerMatchIndices();
        LOG.warn("leader of term {} for {} s but not serving writes yet (its term's first entry is not applied): "
                        + "committed {}, applied {}, flushed {}, last {}, followers' match indexes {}; apply thread: {}",
                term, (System.nanoTime() - since) / 1_000_000_000L, log.getLastCommittedIndex(), info.getLastAppliedIndex(),
                log.getFlushIndex(), log.getLastEntryTermIndex(), matches == null ? "[]" : Arrays.toString(matches),
                applyThreadStack());
        if (!timer.isShutdown()) timer.schedule(() -> check(term, since), PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    /** The top frames of Ratis' apply thread (StateMachineUpdater), or "not found". */
    private static String applyThreadStack() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().contains("StateMachineUpdater"))
                .map(e -> e.getKey().getState() + " " + Arrays.stream(e.getValue()).limit(APPLY_THREAD_FRAMES)
                        .map(StackTraceElement::toString).collect(Collectors.joining(" < ")))
                .findFirst().orElse("not found");
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
