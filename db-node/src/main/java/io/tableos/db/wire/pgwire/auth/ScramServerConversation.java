package io.tableos.db.wire.pgwire.auth;

import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 5802, RFC 7677) as PostgreSQL runs it:
 * client-first → server-first → client-final → server-final. Channel binding is not offered,
 * so the client's GS2 header is {@code n,,} or {@code y,,}; authorization identities are refused.
 *
 * <p>An unknown user gets a conversation over a mock verifier whose salt is stable for that
 * name, so the exchange looks the same as for a real user and fails only at the proof: no
 * user enumeration. Malformed messages throw {@link DbException} 08P01; a wrong proof is a
 * {@code false} from {@link #verifyClientFinal}.
 */
public final class ScramServerConversation {
    public static final String MECHANISM = "SCRAM-SHA-256";
    private static final int NONCE_BYTES = 18;
    private static final int PROOF_BYTES = 32;

    private final ScramVerifier verifier;
    private final boolean realUser;
    private final SecureRandom random;

    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private String serverFinal;

    private ScramServerConversation(ScramVerifier verifier, boolean realUser, SecureRandom random) {
        this.verifier = verifier;
        this.realUser = realUser;
        this.random = random;
    }

    public static ScramServerConversation forUser(ScramVerifier verifier, SecureRandom random) {
        return new ScramServerConversation(verifier, true, random);
    }

    /**
     * A conversation that always fails, for a user that does not exist.
     *
     * @param mockSecret a per-server random secret from which the user's fake salt is derived
     */
    public static ScramServerConversation forUnknownUser(String user, byte[] mockSecret, SecureRandom random) {
        byte[] seed = ScramCrypto.hmac(mockSecret, "salt:" + user);
        byte[] storedKey = new byte[32];
        byte[] serverKey = new byte[32];
        random.nextBytes(storedKey);
        random.nextBytes(serverKey);
        ScramVerifier mock = new ScramVerifier(Arrays.copyOf(seed, 16), ScramVerifier.DEFAULT_ITERATIONS, storedKey, serverKey);
        return new ScramServerConversation(mock, false, random);
    }

    /** Reads client-first-message, returns server-first-message. */
    public String handleClientFirst(String message) {
        if (clientFirstBare != null) throw malformed("unexpected client-first-message");
        int cursor;
        char flag = message.isEmpty() ? 0 : message.charAt(0);
        if (flag == 'p') {
            throw new DbException(SqlState.PROTOCOL_VIOLATION,
                    "malformed SCRAM message", "The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message includes channel binding data.", null, 0, null);
        }
        if ((flag != 'n' && flag != 'y') || message.length() < 2 || message.charAt(1) != ',') {
            throw malformed("Unexpected channel-binding flag.");
        }
        cursor = 2;
        if (message.startsWith("a=", cursor)) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "client uses authorization identity, but it is not supported");
        }
        if (cursor >= message.length() || message.charAt(cursor) != ',') throw malformed("Comma expected after the GS2 header.");
        cursor++;
        gs2Header = message.substring(0, cursor);
        String bare = message.substring(cursor);
        if (bare.startsWith("m=")) throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "client requires an unsupported SCRAM extension");
        String clientNonce = null;
        boolean sawUser = false;
        for (String attribute : bare.split(",", -1)) {
            if (attribute.startsWith("n=")) sawUser = true;
            else if (attribute.startsWith("r=")) clientNonce = attribute.substring(2);
        }
        if (!sawUser || clientNonce == null || clientNonce.isEmpty() || !printable(clientNonce)) {
            throw malformed("Could not parse the client nonce.");
        }
        byte[] serverNonce = new byte[NONCE_BYTES];
        random.nextBytes(serverNonce);
        clientFirstBare = bare;
        nonce = clientNonce + Base64.getEncoder().encodeToString(serverNonce);
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(verifier.salt()) + ",i=" + verifier.iterations();
        return serverFirst;
    }

    /**
     * Reads client-final-message; true when the proof is right (then {@link #serverFinal()} is
     * the message to send), false when the password is wrong or the user unknown.
     */
    public boolean verifyClientFinal(String message) {
        if (serverFirst == null || serverFinal != null) throw malformed("unexpected client-final-message");
        int proofAt = message.lastIndexOf(",p=");
        if (proofAt < 0) throw malformed("Could not find the client proof.");
        String withoutProof = message.substring(0, proofAt);
        String[] attributes = withoutProof.split(",", -1);
        if (attributes.length < 2 || !attributes[0].startsWith("c=") || !attributes[1].startsWith("r=")) {
            throw malformed("Expected channel binding and nonce attributes.");
        }
        byte[] channelBinding = decodeBase64(attributes[0].substring(2));
        if (!Arrays.equals(channelBinding, gs2Header.getBytes(StandardCharsets.UTF_8))) {
            throw malformed("SCRAM channel binding check failed.");
        }
        if (!attributes[1].substring(2).equals(nonce)) throw malformed("Unexpected SCRAM nonce.");
        byte[] proof = decodeBase64(message.substring(proofAt + 3));
        if (proof.length != PROOF_BYTES) throw malformed("Malformed proof in client-final-message.");

        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] storedKey = verifier.storedKey();
        byte[] clientSignature = ScramCrypto.hmac(storedKey, authMessage);
        byte[] clientKey = ScramCrypto.xor(proof, clientSignature);
        boolean matches = MessageDigest.isEqual(ScramCrypto.sha256(clientKey), storedKey);
        if (!matches || !realUser) return false;
        byte[] serverSignature = ScramCrypto.hmac(verifier.serverKey(), authMessage);
        serverFinal = "v=" + Base64.getEncoder().encodeToString(serverSignature);
        return true;
    }

    /** server-final-message, after a successful {@link #verifyClientFinal}. */
    public String serverFinal() {
        if (serverFinal == null) throw new IllegalStateException("authentication has not succeeded");
        return serverFinal;
    }

    private static byte[] decodeBase64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw malformed("Invalid base64 in SCRAM message.");
        }
    }

    private static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e || c == ',') return false;
        }
        return true;
    }

    private static DbException malformed(String detail) {
        return new DbException(SqlState.PROTOCOL_VIOLATION, "malformed SCRAM message", detail, null, 0, null);
    }
}
