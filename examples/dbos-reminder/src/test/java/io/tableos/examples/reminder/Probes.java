package io.tableos.examples.reminder;

/** Test workflows for the SDK features the reminder does not use (queues, messages, events). */
public interface Probes {
    /** Runs while counted as running, for a while, so a queue's concurrency limit shows. */
    int counted(int index);

    /** Waits up to {@code timeoutSeconds} for a message on {@code topic}; returns it, or "timeout". */
    String awaitMessage(String topic, int timeoutSeconds);

    /** Sets event {@code key} to {@code value}, then returns it. */
    String announce(String key, String value);
}
