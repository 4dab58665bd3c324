package io.tableos.db.replication;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.ratis.metrics.MetricRegistries;
import org.apache.ratis.metrics.RatisMetricRegistry;
import org.apache.ratis.metrics.impl.RatisMetricRegistryImpl;
import org.apache.ratis.thirdparty.com.codahale.metrics.Snapshot;
import org.apache.ratis.thirdparty.com.codahale.metrics.Timer;

/**
 * Ratis' own latency timers (log worker queueing and fsync, follower append round trips,
 * state machine apply, ...) read from its metric registries, so where a replicated commit's
 * time goes inside Ratis is a query ({@code sys.raft_timers}) rather than a profiler session.
 *
 * <p>Ratis keeps its registries process-wide and exposes timer values only through the
 * default metrics implementation (a shaded Dropwizard registry); with another implementation
 * on the class path this reports nothing rather than failing.
 */
public final class RaftTimers {
    private RaftTimers() {}

    /**
     * One timer: its registry's prefix (the Raft member, e.g. {@code 1@group-...}, where Ratis
     * names one) and component (e.g. {@code log_worker}), its name, how many events it timed,
     * and their mean, median and 99th percentile in microseconds (Dropwizard's decaying
     * reservoir: about the last five minutes).
     */
    public record Row(String member, String component, String name, long count, long meanMicros, long p50Micros, long p99Micros) {}

    /** Every timer that timed at least one event. */
    public static List<Row> read() {
        List<Row> rows = new ArrayList<>();
        for (RatisMetricRegistry registry : MetricRegistries.global().getMetricRegistries()) {
            if (!(registry instanceof RatisMetricRegistryImpl impl)) continue;
            String member = impl.getMetricRegistryInfo().getPrefix();
            String component = impl.getMetricRegistryInfo().getMetricsComponentName();
            for (Map.Entry<String, Timer> e : impl.getDropWizardMetricRegistry().getTimers().entrySet()) {
                Timer timer = e.getValue();
                if (timer.getCount() == 0) continue;
                Snapshot s = timer.getSnapshot();
                rows.add(new Row(member, component, e.getKey(), timer.getCount(), (long) (s.getMean() / 1_000),
                        (long) (s.getMedian() / 1_000), (long) (s.get99thPercentile() / 1_000)));
            }
        }
        return rows;
    }
}
