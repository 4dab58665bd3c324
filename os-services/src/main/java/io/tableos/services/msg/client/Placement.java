package io.tableos.services.msg.client;

/** Where a published message went: its partition and its offset there. */
public record Placement(int partition, long offset) {}
