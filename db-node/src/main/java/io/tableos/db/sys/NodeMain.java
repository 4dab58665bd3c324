package io.tableos.db.sys;

import io.tableos.db.sql.engine.EngineSettings;
import io.tableos.db.service.ServiceHost;
import io.tableos.db.sql.engine.SqlEngineImpl;
import io.tableos.virtio.DeviceLayer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's entry point: parses flags, starts the {@link Node}, prints
 * {@code TABLEOS-READY sql=host:port} on stdout once clients can connect (the launcher, the
 * VM image and the tests wait for that line), and closes everything on SIGTERM (SIGINT, or
 * {@code SELECT sys.shutdown()}); in a VM it then powers the machine off. Started without
 * flags, it reads them from the {@code tableos.*} kernel parameters ({@link KernelArguments}).
 */
public final class NodeMain {
    /**
     * Longest wait for {@link Node#close} at shutdown. A close that hangs (seen: Ratis's stop
     * snapshot retrying forever once Chronicle's own exit hook has closed the maps) must not
     * keep a VM from powering off; the Raft log is already on disk, so stopping is safe.
     */
    static final long CLOSE_WAIT_MILLIS = 20_000;

    private NodeMain() {}

    /** Closes the node on another thread; false when it did not finish within the wait. */
    private static boolean closeWithin(Node node, long waitMillis, Logger log) {
        Thread closer = new Thread(node::close, "tableos-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            log.error("node close did not finish within {} ms; stopping anyway", waitMillis);
            return false;
        }
        return true;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(NodeConfig.USAGE);
            return;
        }
        // No flags: a VM node (or the image's training run) takes them from tableos.* settings.
        DeviceLayer kernelDevices = args.length == 0
                ? DeviceLayer.detect(Path.of(System.getProperty(KernelArguments.HOST_DATA_DIR_PROPERTY,
                        KernelArguments.HOST_DATA_DIR_DEFAULT)))
                : null;
        NodeConfig config;
        try {
            config = NodeConfig.parse(kernelDevices != null ? KernelArguments.toFlags(kernelDevices) : args);
        } catch (NodeConfig.ConfigException e) {
            System.err.println("tableos-node: " + e.getMessage());
            System.err.print(NodeConfig.USAGE);
            System.exit(2);
            return;
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", config.logLevel());
        Logger log = LoggerFactory.getLogger(NodeMain.class);

        DeviceLayer devices = kernelDevices != null ? kernelDevices : DeviceLayer.detect(config.dataDir());
        Node node = new Node(config, devices);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            boolean closed = closeWithin(node, CLOSE_WAIT_MILLIS, log);
            stopped.countDown();
            // In a VM the JVM is PID 1: exiting would panic the kernel with dirty pages unwritten.
            // powerOff syncs and remounts the data disk read-only first (no-op on a host).
            devices.powerOff();
            if (!closed) Runtime.getRuntime().halt(1);
        }, "tableos-shutdown"));
        try {
            node.start(SqlEngineImpl.predicateCompiler(), (transactions, systemTables) -> {
                SysDevicesTable.register(systemTables, devices);
                SqlEngineImpl engine = new SqlEngineImpl(transactions, systemTables,
                        EngineSettings.defaults().withSessionDefaults(config.sessionDefaults()));
                ClusterProcedures.install(engine, systemTables, transactions);
                ShutdownProcedure.register(engine.procedures());
                ServiceHost.discover(NodeMain.class.getClassLoader()).install(engine, transactions);
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
