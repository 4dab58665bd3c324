package io.tableos.services.sched.client;

/** A task leased to a worker: complete or fail it with {@link #lease()}, the fencing token of this attempt. */
public record ClaimedTask(long id, String payload, int attempt, long lease) {}
