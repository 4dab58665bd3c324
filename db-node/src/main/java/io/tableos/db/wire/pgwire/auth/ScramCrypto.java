package io.tableos.db.wire.pgwire.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The primitives of SCRAM-SHA-256: HMAC-SHA-256, SHA-256 and PBKDF2 (Hi() of RFC 5802).
 * PBKDF2 is written out over HMAC because JCE's PBEKeySpec refuses empty passwords and
 * hides how it encodes characters; here the password is its UTF-8 bytes, as libpq sends
 * it for ASCII and already-normalised passwords (SASLprep is not applied).
 */
public final class ScramCrypto {
    private ScramCrypto() {}

    public static byte[] hmac(byte[] key, String message) {
        return hmac(key, message.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keySpec(key));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Hi(password, salt, i) with HMAC-SHA-256 and a 32-byte output. */
    public static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        byte[] key = password.getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keySpec(key));
            mac.update(salt);
            mac.update(new byte[] {0, 0, 0, 1});
            byte[] u = mac.doFinal();
            byte[] result = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < result.length; j++) result[j] ^= u[j];
            }
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** SecretKeySpec rejects empty keys; HMAC zero-pads keys, so one zero byte is the same key. */
    private static SecretKeySpec keySpec(byte[] key) {
        return new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256");
    }

    public static byte[] xor(byte[] a, byte[] b) {
        byte[] r = new byte[a.length];
        for (int i = 0; i < a.length; i++) r[i] = (byte) (a[i] ^ b[i]);
        return r;
    }
}
