package io.tableos.services.msg;

import io.tableos.db.it.TestNode;
import java.nio.file.Files;
import java.sql.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A real node in its own JVM for one test class, found the msg module on its classpath, and a connection to it. */
abstract class MsgNodeTest {
    static TestNode node;
    static Connection sql;

    @BeforeAll
    static void startNode() throws Exception {
        node = TestNode.start(Files.createTempDirectory("msg-node"));
        sql = node.connect();
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (sql != null) sql.close();
        if (node != null) node.close();
    }
}
