package io.tableos.db.sql.session;

import java.util.Map;

/** The SQL engine as the wire layer sees it: a factory of sessions. */
public interface SqlEngine {
    /**
     * Opens a session for an authenticated client.
     *
     * @param startupParameters the StartupMessage parameters (user, database, application_name, options, ...)
     */
    SqlSession openSession(Map<String, String> startupParameters);
}
