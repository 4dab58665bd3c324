package io.tableos.db.types;

/** A PostgreSQL interval: months, days and microseconds kept apart, as PostgreSQL keeps them. */
public record Interval(int months, int days, long micros) {}
