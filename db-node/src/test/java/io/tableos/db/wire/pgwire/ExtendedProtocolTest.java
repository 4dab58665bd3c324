package io.tableos.db.wire.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tableos.db.wire.pgwire.WireMessages.Message;
import io.tableos.db.wire.pgwire.auth.UserDirectory;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The protocol state machine after login, message by message over an EmbeddedChannel with a
 * same-thread worker: simple queries (multi-statement, empty, stop at first error), the
 * extended protocol (Parse/Bind/Describe/Execute/Close/Sync), suspended portals, result
 * formats, error recovery (discard until Sync) and the per-session limits.
 */
class ExtendedProtocolTest {
    private EmbeddedServer server;

    @BeforeEach
    void login() {
        server = new EmbeddedServer(PgServerConfig.defaults().withAuthMode(PgServerConfig.AuthMode.TRUST)
                .withStatementLimits(10, 2, 2), UserDirectory.empty());
        assertTrue(WireMessages.types(server.login()).endsWith("KZ"));
    }

    private FakeSqlEngine.FakeSession session() {
        return server.engine.sessions.get(0);
    }

    @Test
    void simpleQueryRunsEachStatementAndStopsAtTheFirstError() {
        List<Message> m = server.send(WireMessages.query("SELECT * FROM numbers(2); FAIL; SELECT * FROM numbers(1)"));
        assertEquals("TDDCEZ", WireMessages.types(m));
        assertEquals("SELECT 2", WireMessages.cString(m.get(3).buf()));
        assertEquals("42601", m.get(4).field('C'));
        assertEquals("1", m.get(4).field('P'));
        assertEquals("try again", m.get(4).field('H'));
        assertEquals(List.of(false), session().implicitEnds);
        assertEquals("IZ", WireMessages.types(server.send(WireMessages.query(" "))));
        assertEquals(List.of(false, true), session().implicitEnds);
    }

    @Test
    void parseBindDescribeExecuteSync() {
        List<Message> m = server.send(WireMessages.parse("s1", "SELECT $1, $2", 23, 25),
                WireMessages.bind("", "s1", 0, "5", "x"), WireMessages.describe('P', ""),
                WireMessages.execute("", 0), WireMessages.sync());
        assertEquals("12TDCZ", WireMessages.types(m));
        ByteBuf row = m.get(3).buf();
        assertEquals(2, row.readShort());
        assertEquals(1, row.readInt());
        assertEquals('5', row.readByte());
        assertEquals(List.of(true), session().implicitEnds);
    }

    @Test
    void describeStatementGivesParameterTypesAndColumns() {
        List<Message> m = server.send(WireMessages.parse("s", "SELECT $1", 20), WireMessages.describe('S', "s"),
                WireMessages.parse("c", "BEGIN"), WireMessages.describe('S', "c"), WireMessages.sync());
        assertEquals("1tT1tnZ", WireMessages.types(m));
        ByteBuf params = m.get(1).buf();
        assertEquals(1, params.readShort());
        assertEquals(20, params.readInt());
    }

    @Test
    void binaryResultFormat() {
        List<Message> m = server.send(WireMessages.parse("", "SELECT * FROM numbers(1)"),
                WireMessages.bind("", "", 1), WireMessages.describe('P', ""), WireMessages.execute("", 0), WireMessages.sync());
        assertEquals("12TDCZ", WireMessages.types(m));
        ByteBuf row = m.get(3).buf();
        assertEquals(2, row.readShort());
        assertEquals(4, row.readInt());
        assertEquals(1, row.readInt());
    }

    @Test
    void executeWithRowLimitSuspendsAndResumes() {
        List<Message> m = server.send(WireMessages.parse("", "SELECT * FROM numbers(5)"), WireMessages.bind("p", "", 0),
                WireMessages.execute("p", 2), WireMessages.execute("p", 2), WireMessages.execute("p", 2),
                WireMessages.sync());
        assertEquals("12DDsDDsDCZ", WireMessages.types(m));
    }

    @Test
    void errorDiscardsMessagesUntilSync() {
        List<Message> m = server.send(WireMessages.parse("bad", "FAIL"), WireMessages.bind("", "bad", 0),
                WireMessages.execute("", 0), WireMessages.query("SELECT * FROM numbers(1)"), WireMessages.sync());
        assertEquals("EZ", WireMessages.types(m));
        assertEquals(List.of(false), session().implicitEnds);
        // The next batch is processed normally.
        m = server.send(WireMessages.parse("", "SELECT * FROM numbers(1)"), WireMessages.bind("", "", 0),
                WireMessages.execute("", 0), WireMessages.sync());
        assertEquals("12DCZ", WireMessages.types(m));
        assertEquals(List.of(false, true), session().implicitEnds);
    }

    @Test
    void namingErrors() {
        assertEquals("1EZ", WireMessages.types(server.send(WireMessages.parse("s", "BEGIN"), WireMessages.parse("s", "BEGIN"), WireMessages.sync())));
        List<Message> m = server.send(WireMessages.bind("", "nosuch", 0), WireMessages.sync());
        assertEquals("26000", m.get(0).field('C'));
        m = server.send(WireMessages.execute("nosuch", 0), WireMessages.sync());
        assertEquals("34000", m.get(0).field('C'));
        m = server.send(WireMessages.bind("", "s", 0, "extra"), WireMessages.sync());
        assertEquals("08P01", m.get(0).field('C'));
        assertTrue(server.channel.isActive());
    }

    @Test
    void closeStatementAndPortal() {
        List<Message> m = server.send(WireMessages.parse("s", "SELECT * FROM numbers(3)"), WireMessages.bind("p", "s", 0),
                WireMessages.close('P', "p"), WireMessages.close('S', "s"), WireMessages.close('S', "never-existed"),
                WireMessages.sync());
        assertEquals("12333Z", WireMessages.types(m));
        m = server.send(WireMessages.bind("", "s", 0), WireMessages.sync());
        assertEquals("26000", m.get(0).field('C'));
    }

    @Test
    void portalOutlivesTheUnnamedStatementItWasBoundFrom() {
        // pgJDBC with a fetch size: portal C_1 of one statement is still being read when the next
        // statement is parsed into the unnamed slot (and the first one is closed).
        server.send(WireMessages.query("BEGIN"));
        List<Message> m = server.send(WireMessages.parse("", "SELECT * FROM numbers(3)"), WireMessages.bind("C_1", "", 0),
                WireMessages.execute("C_1", 1), WireMessages.sync());
        assertEquals("12DsZ", WireMessages.types(m));
        m = server.send(WireMessages.parse("", "SELECT * FROM numbers(1)"), WireMessages.bind("", "", 0),
                WireMessages.execute("", 0), WireMessages.close('S', ""), WireMessages.execute("C_1", 0), WireMessages.sync());
        assertEquals("12DC3DDCZ", WireMessages.types(m));
    }

    @Test
    void preparedStatementAndPortalLimits() {
        List<Message> m = server.send(WireMessages.parse("a", "BEGIN"), WireMessages.parse("b", "BEGIN"),
                WireMessages.parse("c", "BEGIN"), WireMessages.sync());
        assertEquals("11EZ", WireMessages.types(m));
        assertEquals("53400", m.get(2).field('C'));
        // The unnamed statement does not count.
        assertEquals("1Z", WireMessages.types(server.send(WireMessages.parse("", "BEGIN"), WireMessages.sync())));
        m = server.send(WireMessages.query("BEGIN"));
        m = server.send(WireMessages.bind("p1", "a", 0), WireMessages.bind("p2", "a", 0), WireMessages.bind("p3", "a", 0), WireMessages.sync());
        assertEquals("22EZ", WireMessages.types(m));
        assertEquals("53400", m.get(2).field('C'));
    }

    @Test
    void tooManyParametersInParse() {
        int[] oids = new int[11];
        List<Message> m = server.send(WireMessages.parse("", "SELECT $1", oids), WireMessages.sync());
        assertEquals("54000", m.get(0).field('C'));
    }

    @Test
    void parameterStatusAfterSet() {
        List<Message> m = server.send(WireMessages.query("SET application_name = 'x'"));
        assertEquals("CSZ", WireMessages.types(m));
        assertEquals("application_name\0x\0", m.get(1).text());
    }

    @Test
    void unexpectedEngineExceptionIsXx000AndTheConnectionSurvives() {
        List<Message> m = server.send(WireMessages.query("CRASH"));
        assertEquals("EZ", WireMessages.types(m));
        assertEquals("XX000", m.get(0).field('C'));
        assertEquals("TDCZ", WireMessages.types(server.send(WireMessages.query("SELECT * FROM numbers(1)"))));
    }

    @Test
    void copyFromStdinInSimpleQuery() {
        List<Message> m = server.send(WireMessages.query("COPY t FROM STDIN"));
        assertEquals("G", WireMessages.types(m));
        m = server.send(WireMessages.message('d', Unpooled.copiedBuffer("1\ta\n2\t", java.nio.charset.StandardCharsets.UTF_8)),
                WireMessages.message('d', Unpooled.copiedBuffer("b\n", java.nio.charset.StandardCharsets.UTF_8)),
                WireMessages.message('c', Unpooled.buffer()));
        assertEquals("CZ", WireMessages.types(m));
        assertEquals("COPY 2", WireMessages.cString(m.get(0).buf()));
        assertEquals(List.of("1\ta", "2\tb"), server.engine.copied);
    }

    @Test
    void copyFailAbortsTheCopy() {
        server.send(WireMessages.query("COPY t FROM STDIN"));
        ByteBuf reason = Unpooled.buffer();
        WireMessages.cString(reason, "client gave up");
        List<Message> m = server.send(WireMessages.message('f', reason));
        assertEquals("EZ", WireMessages.types(m));
        assertEquals("57014", m.get(0).field('C'));
        assertTrue(server.engine.copied.isEmpty());
    }

    @Test
    void terminateClosesAndReleasesTheSession() {
        server.send(WireMessages.message('X', Unpooled.buffer()));
        assertFalse(server.channel.isActive());
        assertEquals(1, server.engine.closedSessions.get());
        assertEquals(0, server.context.admittedSessions());
    }

    @Test
    void unknownMessageTypeIsFatal() {
        List<Message> m = server.send(WireMessages.message('?', Unpooled.buffer()));
        assertEquals("E", WireMessages.types(m));
        assertEquals("FATAL", m.get(0).field('S'));
        assertFalse(server.channel.isActive());
        assertEquals(1, server.engine.closedSessions.get());
    }

    @Test
    void notificationsAreWrittenWhenIdle() {
        server.send(WireMessages.query("LISTEN ch"));
        // Delivered on the same connection once it is idle again: after the NOTIFY's ReadyForQuery.
        List<Message> m = server.send(WireMessages.query("NOTIFY ch, 'hello'"));
        assertEquals("CZA", WireMessages.types(m));
        ByteBuf b = m.get(2).buf();
        b.readInt();
        assertEquals("ch", WireMessages.cString(b));
        assertEquals("hello", WireMessages.cString(b));
    }
}
