package io.tableos.db.wire.pgwire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/** The client side of SCRAM-SHA-256, written independently of the server code with JCE's PBKDF2. */
final class TestScramClient {
    final String password;
    final String clientNonce = "rOprNGfwEbeRWgbNEkqO";
    final String clientFirstBare = "n=,r=" + clientNonce;
    String authMessage;
    byte[] serverKey;

    TestScramClient(String password) {
        this.password = password;
    }

    String clientFirst() {
        return "n,," + clientFirstBare;
    }

    String clientFinal(String serverFirst) throws Exception {
        String nonce = null;
        byte[] salt = null;
        int iterations = 0;
        for (String a : serverFirst.split(",")) {
            if (a.startsWith("r=")) nonce = a.substring(2);
            if (a.startsWith("s=")) salt = Base64.getDecoder().decode(a.substring(2));
            if (a.startsWith("i=")) iterations = Integer.parseInt(a.substring(2));
        }
        if (nonce == null || !nonce.startsWith(clientNonce)) throw new IllegalStateException("bad server nonce");
        SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        byte[] salted = f.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
        serverKey = hmac(salted, "Server Key");
        String withoutProof = "c=" + Base64.getEncoder().encodeToString("n,,".getBytes(StandardCharsets.UTF_8)) + ",r=" + nonce;
        authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] signature = hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) proof[i] = (byte) (clientKey[i] ^ signature[i]);
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
    }

    boolean verifyServerFinal(String serverFinal) throws Exception {
        return serverFinal.equals("v=" + Base64.getEncoder().encodeToString(hmac(serverKey, authMessage)));
    }

    static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
