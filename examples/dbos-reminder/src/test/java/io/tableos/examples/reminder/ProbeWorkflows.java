package io.tableos.examples.reminder;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.workflow.Workflow;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The {@link Probes} workflows; {@link #running} and {@link #mostRunning} count {@link #counted} at once. */
public final class ProbeWorkflows implements Probes {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostRunning = new AtomicInteger();
    private final DBOS dbos;

    ProbeWorkflows(DBOS dbos) {
        this.dbos = dbos;
    }

    @Override
    @Workflow(name = "counted")
    public int counted(int index) {
        int now = running.incrementAndGet();
        mostRunning.accumulateAndGet(now, Math::max);
        try {
            dbos.sleep(Duration.ofMillis(200));
            return index;
        } finally {
            running.decrementAndGet();
        }
    }

    @Override
    @Workflow(name = "await_message")
    public String awaitMessage(String topic, int timeoutSeconds) {
        return dbos.<String>recv(topic, Duration.ofSeconds(timeoutSeconds)).orElse("timeout");
    }

    @Override
    @Workflow(name = "announce")
    public String announce(String key, String value) {
        dbos.setEvent(key, value);
        return value;
    }
}
