package io.tableos.db.wire.pgwire.auth;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * What the server keeps of a password, as PostgreSQL's {@code SCRAM-SHA-256$iter:salt$StoredKey:ServerKey}:
 * enough to verify a client proof, not enough to log in as the user.
 */
public record ScramVerifier(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {

    public static final int DEFAULT_ITERATIONS = 4096;
    private static final int SALT_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    public ScramVerifier {
        if (salt == null || salt.length == 0) throw new IllegalArgumentException("empty salt");
        if (iterations < 1) throw new IllegalArgumentException("iterations < 1");
        if (storedKey == null || storedKey.length != 32 || serverKey == null || serverKey.length != 32)
            throw new IllegalArgumentException("keys must be 32 bytes (SHA-256)");
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    /** A verifier for {@code password} with a fresh random salt. */
    public static ScramVerifier fromPassword(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return fromPassword(password, salt, DEFAULT_ITERATIONS);
    }

    public static ScramVerifier fromPassword(String password, byte[] salt, int iterations) {
        byte[] saltedPassword = ScramCrypto.saltedPassword(password, salt, iterations);
        byte[] clientKey = ScramCrypto.hmac(saltedPassword, "Client Key");
        byte[] storedKey = ScramCrypto.sha256(clientKey);
        byte[] serverKey = ScramCrypto.hmac(saltedPassword, "Server Key");
        Arrays.fill(saltedPassword, (byte) 0);
        return new ScramVerifier(salt, iterations, storedKey, serverKey);
    }

    /** PostgreSQL's rolpassword text form, e.g. for a pg_authid view. */
    public String toPostgresText() {
        Base64.Encoder b64 = Base64.getEncoder();
        return "SCRAM-SHA-256$" + iterations + ":" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(storedKey) + ":" + b64.encodeToString(serverKey);
    }

    @Override
    public byte[] salt() { return salt.clone(); }

    @Override
    public byte[] storedKey() { return storedKey.clone(); }

    @Override
    public byte[] serverKey() { return serverKey.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramVerifier v && v.iterations == iterations && Arrays.equals(v.salt, salt)
                && Arrays.equals(v.storedKey, storedKey) && Arrays.equals(v.serverKey, serverKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(storedKey);
    }

    /** Never prints the keys. */
    @Override
    public String toString() {
        return "ScramVerifier[iterations=" + iterations + "]";
    }
}
