package io.tableos.db.wire.pgwire.auth;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A thread-safe user directory held in memory; passwords are kept only as SCRAM verifiers. */
public final class InMemoryUserDirectory implements UserDirectory {
    private final Map<String, ScramVerifier> users = new ConcurrentHashMap<>();

    /** Adds or replaces a user; the plaintext password is not retained. */
    public InMemoryUserDirectory addUser(String name, String password) {
        users.put(name, ScramVerifier.fromPassword(password));
        return this;
    }

    public InMemoryUserDirectory addUser(String name, ScramVerifier verifier) {
        users.put(name, verifier);
        return this;
    }

    public boolean removeUser(String name) {
        return users.remove(name) != null;
    }

    @Override
    public Optional<ScramVerifier> lookup(String user) {
        return Optional.ofNullable(users.get(user));
    }
}
