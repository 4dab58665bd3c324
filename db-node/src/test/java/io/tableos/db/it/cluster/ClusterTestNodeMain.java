package io.tableos.db.it.cluster;

import io.tableos.db.sql.engine.EngineSettings;
import io.tableos.db.sql.engine.SqlEngineImpl;
import io.tableos.db.sys.ClusterProcedures;
import io.tableos.db.sys.Node;
import io.tableos.db.sys.NodeConfig;
import io.tableos.virtio.DeviceLayer;
import java.util.concurrent.CountDownLatch;

/**
 * The production node main plus {@link ClusterProcedures#install}, until sys.NodeMain makes
 * that call itself (then {@link TestCluster} runs NodeMain directly; see MAIN_CLASS there).
 */
public final class ClusterTestNodeMain {
    private ClusterTestNodeMain() {}

    public static void main(String[] args) throws Exception {
        NodeConfig config = NodeConfig.parse(args);
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", config.logLevel());
        Node node = new Node(config, DeviceLayer.detect(config.dataDir()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "tableos-shutdown"));
        node.start(SqlEngineImpl.predicateCompiler(), (transactions, systemTables) -> {
            SqlEngineImpl engine = new SqlEngineImpl(transactions, systemTables, EngineSettings.defaults());
            ClusterProcedures.install(engine, systemTables, transactions);
            return engine;
        });
        System.out.println("TABLEOS-READY sql=" + node.sqlAddress());
        System.out.flush();
        stopped.await();
    }
}
