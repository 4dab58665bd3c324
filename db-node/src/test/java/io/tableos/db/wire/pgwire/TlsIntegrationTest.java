package io.tableos.db.wire.pgwire;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.wire.pgwire.auth.InMemoryUserDirectory;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS: a self-signed certificate made with the JDK's keytool, exported to PEM, served by
 * PgServer; pgJDBC with sslmode=require (no certificate validation) gets 'S' to its
 * SSLRequest, completes the handshake, authenticates with SCRAM and queries.
 */
class TlsIntegrationTest {
    @Test
    void sslRequireConnectsOverTls(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "pg", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertTrue(p.waitFor() == 0, new String(p.getInputStream().readAllBytes()));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(store.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        Key key = ks.getKey("pg", "changeit".toCharArray());
        Certificate cert = ks.getCertificate("pg");
        Path certFile = dir.resolve("server.crt");
        Path keyFile = dir.resolve("server.key");
        Files.writeString(certFile, pem("CERTIFICATE", cert.getEncoded()));
        Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));

        try (PgServer server = new PgServer(new FakeSqlEngine(), new InMemoryUserDirectory().addUser("u", "pw"),
                PgServerConfig.defaults().withTls(certFile, keyFile).withWorkers(null, 2)).start("127.0.0.1", 0)) {
            Properties props = new Properties();
            props.setProperty("user", "u");
            props.setProperty("password", "pw");
            props.setProperty("sslmode", "require");
            props.setProperty("sslfactory", "org.postgresql.ssl.NonValidatingFactory");
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/db", props);
                 ResultSet rs = c.createStatement().executeQuery("SELECT * FROM numbers(2)")) {
                assertTrue(rs.next());
            }
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
