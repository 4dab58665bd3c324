package io.tableos.db.wire.pgwire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.wire.pgwire.auth.InMemoryUserDirectory;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.copy.CopyManager;

/**
 * The real pgJDBC driver against {@link PgServer} on an ephemeral port, over a fake engine
 * that returns fixed rows and echoes parameters: connect with SCRAM, simple and extended
 * protocol, binary parameters and results after prepareThreshold=1, fetch-size portals,
 * errors and recovery, cancel, COPY, LISTEN/NOTIFY, connection limit.
 */
class PgJdbcIntegrationTest {
    private static final String USER = "alice";
    private static final String PASSWORD = "s3cret-pässword";
    private static FakeSqlEngine engine;
    private static PgServer server;

    @BeforeAll
    static void start() throws Exception {
        engine = new FakeSqlEngine();
        InMemoryUserDirectory users = new InMemoryUserDirectory().addUser(USER, PASSWORD);
        server = new PgServer(engine, users, PgServerConfig.defaults().withWorkers(null, 4)).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static Connection connect(String extra) throws SQLException {
        return connect(USER, PASSWORD, extra);
    }

    private static Connection connect(String user, String password, String extra) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("sslmode", "disable");
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "30");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/test?" + extra, p);
    }

    @Test
    void simpleProtocolReturnsRows() throws Exception {
        try (Connection c = connect("preferQueryMode=simple"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT * FROM numbers(3)")) {
                int n = 0;
                while (rs.next()) {
                    n++;
                    assertEquals(n, rs.getInt(1));
                    assertEquals("row " + n, rs.getString("label"));
                }
                assertEquals(3, n);
            }
            assertFalse(s.execute("BEGIN; COMMIT"));
        }
    }

    @Test
    void extendedProtocolEchoesTextParameters() throws Exception {
        try (Connection c = connect("prepareThreshold=5");
             PreparedStatement ps = c.prepareStatement("SELECT ?, ?, ?")) {
            ps.setInt(1, 42);
            ps.setString(2, "héllo");
            ps.setNull(3, java.sql.Types.VARCHAR);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
                assertEquals("héllo", rs.getString(2));
                assertNull(rs.getString(3));
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void binaryParametersAndResultsAfterPrepareThreshold() throws Exception {
        UUID uuid = UUID.randomUUID();
        try (Connection c = connect("prepareThreshold=1&binaryTransfer=true");
             PreparedStatement ps = c.prepareStatement("SELECT ?, ?, ?, ?, ?, ?, ?, ?")) {
            for (int round = 0; round < 3; round++) {
                ps.setLong(1, Long.MIN_VALUE + round);
                ps.setDouble(2, 1.5 + round);
                ps.setBigDecimal(3, new BigDecimal("-12345678901234567890.000120"));
                ps.setBoolean(4, round % 2 == 0);
                ps.setBytes(5, new byte[] {0, 1, (byte) 255});
                ps.setObject(6, uuid);
                ps.setShort(7, (short) -7);
                ps.setFloat(8, 2.25f);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(Long.MIN_VALUE + round, rs.getLong(1));
                    assertEquals(1.5 + round, rs.getDouble(2));
                    assertEquals(0, new BigDecimal("-12345678901234567890.000120").compareTo(rs.getBigDecimal(3)));
                    assertEquals(round % 2 == 0, rs.getBoolean(4));
                    assertArrayEquals(new byte[] {0, 1, (byte) 255}, rs.getBytes(5));
                    assertEquals(uuid, rs.getObject(6));
                    assertEquals(-7, rs.getShort(7));
                    assertEquals(2.25f, rs.getFloat(8));
                }
            }
        }
    }

    @Test
    void arrayParameterForAny() throws Exception {
        try (Connection c = connect("prepareThreshold=1");
             PreparedStatement ps = c.prepareStatement("SELECT ?, ?")) {
            for (int round = 0; round < 2; round++) {
                ps.setArray(1, c.createArrayOf("int4", new Integer[] {1, null, 3}));
                ps.setArray(2, c.createArrayOf("text", new String[] {"a", "b,c"}));
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    Array ints = rs.getArray(1);
                    assertArrayEquals(new Integer[] {1, null, 3}, (Integer[]) ints.getArray());
                    Array texts = rs.getArray(2);
                    assertArrayEquals(new String[] {"a", "b,c"}, (String[]) texts.getArray());
                }
            }
        }
    }

    @Test
    void fetchSizeUsesSuspendedPortals() throws Exception {
        try (Connection c = connect("")) {
            c.setAutoCommit(false);
            int before = engine.fetchCalls.get();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM numbers(1000)")) {
                ps.setFetchSize(7);
                try (ResultSet rs = ps.executeQuery()) {
                    int n = 0;
                    while (rs.next()) assertEquals(++n, rs.getInt(1));
                    assertEquals(1000, n);
                }
            }
            assertTrue(engine.fetchCalls.get() - before >= 1000 / 7, "rows were fetched in slices");
            c.commit();
        }
    }

    @Test
    void errorsCarrySqlStateAndConnectionSurvives() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("FAIL now"));
            assertEquals("42601", e.getSQLState());
            SQLException bug = assertThrows(SQLException.class, () -> s.execute("CRASH"));
            assertEquals("XX000", bug.getSQLState());
            try (ResultSet rs = s.executeQuery("SELECT * FROM numbers(2)")) {
                assertTrue(rs.next());
            }
        }
    }

    @Test
    void parameterStatusFollowsSet() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("SET application_name = 'reporter'");
            assertEquals("reporter", ((PGConnection) c).getParameterStatus("application_name"));
            assertEquals("UTF8", ((PGConnection) c).getParameterStatus("client_encoding"));
        }
    }

    @Test
    void noticeIsDelivered() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("NOTICE");
            assertNotNull(s.getWarnings());
            assertTrue(s.getWarnings().getMessage().contains("does not exist, skipping"));
        }
    }

    @Test
    void cancelStopsARunningStatement() throws Exception {
        engine.sleeping = new java.util.concurrent.CountDownLatch(1);
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            CompletableFuture<SQLException> outcome = CompletableFuture.supplyAsync(() -> {
                try {
                    s.execute("SLEEP");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            assertTrue(engine.sleeping.await(10, TimeUnit.SECONDS));
            s.cancel();
            SQLException e = outcome.get(10, TimeUnit.SECONDS);
            assertNotNull(e);
            assertEquals("57014", e.getSQLState());
        }
    }

    @Test
    void copyInAndOut() throws Exception {
        try (Connection c = connect("")) {
            CopyManager copy = ((PGConnection) c).getCopyAPI();
            long n = copy.copyIn("COPY t FROM STDIN", new StringReader("1\tone\n2\ttwo\n"));
            assertEquals(2, n);
            assertTrue(engine.copied.contains("2\ttwo"));
            StringWriter out = new StringWriter();
            assertEquals(3, copy.copyOut("COPY t TO STDOUT", out));
            assertTrue(out.toString().startsWith("1\tline 1\n"));
        }
    }

    @Test
    void listenNotify() throws Exception {
        try (Connection listener = connect(""); Connection sender = connect("")) {
            listener.createStatement().execute("LISTEN jobs");
            sender.createStatement().execute("NOTIFY jobs, 'ready'");
            PGNotification[] got = ((PGConnection) listener).getNotifications(10_000);
            assertNotNull(got);
            assertEquals(1, got.length);
            assertEquals("jobs", got[0].getName());
            assertEquals("ready", got[0].getParameter());
        }
    }

    @Test
    void wrongPasswordAndUnknownUserFailAlike() {
        SQLException wrong = assertThrows(SQLException.class, () -> connect(USER, "nope", ""));
        assertEquals("28P01", wrong.getSQLState());
        assertTrue(wrong.getMessage().contains("password authentication failed for user \"alice\""));
        SQLException unknown = assertThrows(SQLException.class, () -> connect("mallory", "nope", ""));
        assertEquals("28P01", unknown.getSQLState());
    }

    @Test
    void sslPreferFallsBackToPlainWithoutTls() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", PASSWORD);
        p.setProperty("sslmode", "prefer");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/test", p)) {
            assertTrue(c.isValid(5));
        }
    }

    @Test
    void tooManyConnections() throws Exception {
        FakeSqlEngine other = new FakeSqlEngine();
        try (PgServer small = new PgServer(other, new InMemoryUserDirectory().addUser(USER, PASSWORD),
                PgServerConfig.defaults().withMaxConnections(1).withWorkers(null, 2)).start("127.0.0.1", 0)) {
            Properties p = new Properties();
            p.setProperty("user", USER);
            p.setProperty("password", PASSWORD);
            p.setProperty("sslmode", "disable");
            String url = "jdbc:postgresql://127.0.0.1:" + small.port() + "/test";
            try (Connection first = DriverManager.getConnection(url, p)) {
                SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, p));
                assertEquals("53300", e.getSQLState());
                assertTrue(first.isValid(5));
            }
        }
    }
}
