package io.tableos.db.sys;

import io.tableos.db.sql.engine.EngineSettings;
import io.tableos.db.sql.engine.SqlEngineImpl;
import io.tableos.virtio.DeviceLayer;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's entry point: parses flags, starts the {@link Node}, prints
 * {@code TABLEOS-READY sql=host:port} on stdout once clients can connect (the launcher, the
 * VM image and the tests wait for that line), and closes everything on SIGTERM.
 */
public final class NodeMain {
    private NodeMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(NodeConfig.USAGE);
            return;
        }
        NodeConfig config;
        try {
            config = NodeConfig.parse(args);
        } catch (NodeConfig.ConfigException e) {
            System.err.println("tableos-node: " + e.getMessage());
            System.err.print(NodeConfig.USAGE);
            System.exit(2);
            return;
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", config.logLevel());
        Logger log = LoggerFactory.getLogger(NodeMain.class);

        Node node = new Node(config, DeviceLayer.detect(config.dataDir()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "tableos-shutdown"));
        try {
            node.start(SqlEngineImpl.predicateCompiler(),
                    (transactions, systemTables) -> {
                        SqlEngineImpl engine = new SqlEngineImpl(transactions, systemTables, EngineSettings.defaults());
                        ClusterProcedures.install(engine, systemTables, transactions);
                        return engine;
                    });
        } catch (NodeConfig.ConfigException e) {
            System.err.println("tableos-node: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            log.error("node {} failed to start", config.nodeId(), e);
            System.exit(1);
        }
        log.info("node {} serving SQL on {}", config.nodeId(), node.sqlAddress());
        System.out.println("TABLEOS-READY sql=" + node.sqlAddress());
        System.out.flush();
        stopped.await();
    }
}
