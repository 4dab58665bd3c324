package io.tableos.db.wire.pgwire.auth;

import java.util.Optional;

/**
 * Where the server finds users. The system layer implements it over its user table; it may
 * be called from a worker thread (never the event loop) and must be thread-safe.
 */
public interface UserDirectory {
    /** The user's SCRAM verifier, or empty when the user does not exist or may not log in. */
    Optional<ScramVerifier> lookup(String user);

    /** A directory without users: only useful with trust authentication. */
    static UserDirectory empty() {
        return user -> Optional.empty();
    }
}
