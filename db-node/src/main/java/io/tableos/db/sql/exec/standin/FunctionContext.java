package io.tableos.db.sql.exec.standin;

import java.time.OffsetDateTime;

/** Stand-in for io.tableos.db.sql.func.FunctionContext. */
public interface FunctionContext {
    OffsetDateTime transactionTimestamp();
    OffsetDateTime statementTimestamp();
    String currentUser();
    String currentDatabase();
    String currentSchema();
    int backendPid();
    String setting(String name);
}
