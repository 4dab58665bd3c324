package io.tableos.db.service;

import java.util.List;

/** One step of a module's schema: the SQL statements that lead from {@code version - 1} to {@code version}. */
public record Migration(int version, List<String> statements) {
    public Migration {
        if (version < 1) throw new IllegalArgumentException("migration versions start at 1: " + version);
        statements = List.copyOf(statements);
    }

    public static Migration of(int version, String... statements) {
        return new Migration(version, List.of(statements));
    }
}
