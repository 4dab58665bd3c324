package io.tableos.db.sql.func;

import io.tableos.db.catalog.SearchPath;
import java.time.OffsetDateTime;

/** What a function may know about the session and statement calling it. */
public interface FunctionContext {
    OffsetDateTime transactionTimestamp();

    OffsetDateTime statementTimestamp();

    String currentUser();

    String currentDatabase();

    String currentSchema();

    /** Where unqualified relation names given as text (nextval('s'), 't'::regclass) are looked up. */
    default SearchPath searchPath() {
        return SearchPath.PUBLIC;
    }

    int backendPid();

    /** The session's value of a setting (current_setting), or null when there is no such setting. */
    String setting(String name);

    /** The calling session's advisory locks. */
    AdvisoryLocks advisoryLocks();

    /** Throws when the statement was canceled or ran out of statement_timeout (for functions that wait). */
    void checkNow();
}
