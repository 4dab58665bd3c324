package io.tableos.db.wire.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.tableos.db.types.DbException;
import io.tableos.db.wire.pgwire.WireMessages.Message;
import io.tableos.db.wire.pgwire.auth.InMemoryUserDirectory;
import io.tableos.db.wire.pgwire.auth.ScramServerConversation;
import io.tableos.db.wire.pgwire.auth.ScramVerifier;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Startup and authentication over an EmbeddedChannel: the SCRAM-SHA-256 conversation against
 * a verifier, with the client side computed independently (JCE PBKDF2); wrong password and
 * unknown user answer identically; SSL/GSSENC refusals; protocol version checks; cancel keys.
 */
class StartupAuthTest {
    private static final String PASSWORD = "pencil";

    private static EmbeddedServer scramServer() {
        return new EmbeddedServer(PgServerConfig.defaults(), new InMemoryUserDirectory().addUser("user", PASSWORD));
    }

    private static String saslData(Message m, int expectedCode) {
        ByteBuf b = m.buf();
        assertEquals('R', m.type());
        assertEquals(expectedCode, b.readInt());
        return b.toString(StandardCharsets.UTF_8);
    }

    private static List<Message> scramLogin(EmbeddedServer server, String user, String password) throws Exception {
        List<Message> first = server.send(WireMessages.startup(Map.of("user", user)));
        assertEquals("R", WireMessages.types(first));
        assertTrue(saslData(first.get(0), 10).startsWith("SCRAM-SHA-256\0"));
        TestScramClient client = new TestScramClient(password);
        List<Message> cont = server.send(WireMessages.saslInitial("SCRAM-SHA-256", client.clientFirst()));
        String serverFirst = saslData(cont.get(0), 11);
        List<Message> fin = server.send(WireMessages.saslResponse(client.clientFinal(serverFirst)));
        if (fin.get(0).type() == 'R') assertTrue(client.verifyServerFinal(saslData(fin.get(0), 12)));
        return fin;
    }

    @Test
    void scramLoginSucceeds() throws Exception {
        EmbeddedServer server = scramServer();
        List<Message> m = scramLogin(server, "user", PASSWORD);
        String types = WireMessages.types(m);
        assertTrue(types.matches("RRS+KZ"), types);
        assertEquals(0, m.get(1).buf().readInt()); // AuthenticationOk
        assertEquals('I', (char) m.get(m.size() - 1).body()[0]);
        assertTrue(server.channel.isActive());
        assertEquals(1, server.context.admittedSessions());
        server.channel.close();
        assertEquals(0, server.context.admittedSessions());
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameError() throws Exception {
        for (String[] attempt : new String[][] {{"user", "wrong"}, {"ghost", PASSWORD}}) {
            EmbeddedServer server = scramServer();
            List<Message> m = scramLogin(server, attempt[0], attempt[1]);
            assertEquals("E", WireMessages.types(m));
            assertEquals("28P01", m.get(0).field('C'));
            assertEquals("FATAL", m.get(0).field('S'));
            assertEquals("password authentication failed for user \"" + attempt[0] + "\"", m.get(0).field('M'));
            assertFalse(server.channel.isActive());
            assertEquals(0, server.context.admittedSessions());
        }
    }

    @Test
    void unknownUserSaltIsStable() {
        byte[] secret = new byte[32];
        SecureRandom random = new SecureRandom();
        String a = ScramServerConversation.forUnknownUser("ghost", secret, random).handleClientFirst("n,,n=,r=abc");
        String b = ScramServerConversation.forUnknownUser("ghost", secret, random).handleClientFirst("n,,n=,r=abc");
        assertEquals(a.substring(a.indexOf(",s=")), b.substring(b.indexOf(",s=")));
    }

    @Test
    void conversationRejectsMalformedMessages() {
        ScramVerifier v = ScramVerifier.fromPassword(PASSWORD);
        SecureRandom random = new SecureRandom();
        for (String bad : new String[] {"", "x,,n=,r=a", "p=tls-server-end-point,,n=,r=a", "n,,n=", "n,a=admin,n=,r=a"}) {
            ScramServerConversation c = ScramServerConversation.forUser(v, random);
            assertThrows(DbException.class, () -> c.handleClientFirst(bad), bad);
        }
        ScramServerConversation c = ScramServerConversation.forUser(v, random);
        c.handleClientFirst("n,,n=,r=abc");
        assertThrows(DbException.class, () -> c.verifyClientFinal("c=biws,r=wrongnonce,p=AAAA"));
    }

    @Test
    void emptyPasswordVerifierMatchesJce() throws Exception {
        // Our PBKDF2 must equal JCE's for ordinary passwords (JCE refuses the empty one, ours accepts it).
        ScramVerifier v = ScramVerifier.fromPassword("pw", new byte[] {1, 2, 3, 4}, 4096);
        ScramServerConversation c = ScramServerConversation.forUser(v, new SecureRandom());
        TestScramClient client = new TestScramClient("pw");
        String serverFirst = c.handleClientFirst(client.clientFirst());
        assertTrue(c.verifyClientFinal(client.clientFinal(serverFirst)));
        assertTrue(client.verifyServerFinal(c.serverFinal()));
        ScramVerifier.fromPassword(""); // must not throw
    }

    @Test
    void trustSkipsPassword() {
        EmbeddedServer server = EmbeddedServer.trusting();
        List<Message> m = server.login();
        assertTrue(WireMessages.types(m).matches("RS+KZ"), WireMessages.types(m));
        Message status = m.stream().filter(x -> x.type() == 'S' && x.text().startsWith("client_encoding")).findFirst().orElseThrow();
        assertEquals("client_encoding\0UTF8\0", status.text());
    }

    @Test
    void sslAndGssEncAreRefusedWithoutTls() {
        EmbeddedServer server = EmbeddedServer.trusting();
        assertEquals("N", WireMessages.types(server.send(WireMessages.request(ProtocolCodes.SSL_REQUEST))));
        assertEquals("N", WireMessages.types(server.send(WireMessages.request(ProtocolCodes.GSSENC_REQUEST))));
        assertTrue(WireMessages.types(server.login()).endsWith("KZ"));
    }

    @Test
    void unsupportedProtocolVersionIsFatal() {
        EmbeddedServer server = EmbeddedServer.trusting();
        List<Message> m = server.send(WireMessages.request(2 << 16));
        assertEquals("E", WireMessages.types(m));
        assertEquals("0A000", m.get(0).field('C'));
        assertFalse(server.channel.isActive());
    }

    @Test
    void newerMinorVersionIsNegotiatedDown() {
        EmbeddedServer server = EmbeddedServer.trusting();
        ByteBuf startup = WireMessages.startup(Map.of("user", "u", "_pq_.magic", "1"));
        startup.setInt(4, (3 << 16) | 2);
        List<Message> m = server.send(startup);
        assertEquals('v', m.get(0).type());
        ByteBuf b = m.get(0).buf();
        assertEquals(0, b.readInt());
        assertEquals(1, b.readInt());
        assertEquals("_pq_.magic", WireMessages.cString(b));
        assertTrue(WireMessages.types(m).endsWith("KZ"));
    }

    @Test
    void missingUserIsFatal() {
        EmbeddedServer server = EmbeddedServer.trusting();
        List<Message> m = server.send(WireMessages.startup(Map.of("database", "x")));
        assertEquals("28000", m.get(0).field('C'));
        assertFalse(server.channel.isActive());
    }

    @Test
    void engineRefusingTheSessionIsFatal() {
        EmbeddedServer server = EmbeddedServer.trusting();
        List<Message> m = server.send(WireMessages.startup(Map.of("user", "u", "database", "nosuchdb")));
        assertEquals("RE", WireMessages.types(m));
        assertEquals("3D000", m.get(1).field('C'));
        assertFalse(server.channel.isActive());
        assertEquals(0, server.context.admittedSessions());
    }

    @Test
    void cancelRequestNeedsTheRightKeyAndIsIgnoredWhileIdle() {
        EmbeddedServer server = EmbeddedServer.trusting();
        List<Message> m = server.login();
        ByteBuf key = m.stream().filter(x -> x.type() == 'K').findFirst().orElseThrow().buf();
        int pid = key.readInt();
        int secret = key.readInt();
        FakeSqlEngine.FakeSession session = server.engine.sessions.get(0);

        // Idle (nothing queued or running): dropped as in PostgreSQL, so it cannot fail the next statement.
        sendCancel(server, pid, secret);
        assertEquals(1, session.cancelled.getCount());

        // A statement in progress (a COPY waiting for data): only the right key reaches it.
        assertEquals("G", WireMessages.types(server.send(WireMessages.query("COPY t FROM STDIN"))));
        sendCancel(server, pid, secret + 1);
        assertEquals(1, session.cancelled.getCount());
        sendCancel(server, pid, secret);
        assertEquals(0, session.cancelled.getCount());
    }

    private static void sendCancel(EmbeddedServer server, int pid, int secret) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1 << 20), new StartupHandler(server.context));
        channel.writeInbound(WireMessages.request(ProtocolCodes.CANCEL_REQUEST, pid, secret));
        assertFalse(channel.isActive());
    }

    private static final class EmbeddedChannel extends io.netty.channel.embedded.EmbeddedChannel {
        EmbeddedChannel(io.netty.channel.ChannelHandler... handlers) {
            super(handlers);
        }
    }
}
