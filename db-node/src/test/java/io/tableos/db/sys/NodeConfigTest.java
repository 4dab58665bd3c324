package io.tableos.db.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The node's command line: repeatable --set flags become its sessions' setting defaults. */
class NodeConfigTest {
    @Test
    void setFlagsAreCollected() {
        NodeConfig config = NodeConfig.parse(new String[] {"--data-dir", "/tmp/x", "--auth", "trust",
                "--set", "Default_Transaction_Isolation=serializable", "--set=statement_timeout=5s"});
        assertEquals(Map.of("default_transaction_isolation", "serializable", "statement_timeout", "5s"), config.sessionDefaults());
    }

    @Test
    void aSetWithoutValueIsRefused() {
        NodeConfig.ConfigException e = assertThrows(NodeConfig.ConfigException.class,
                () -> NodeConfig.parse(new String[] {"--data-dir", "/tmp/x", "--auth", "trust", "--set", "statement_timeout"}));
        assertEquals("--set: expected NAME=VALUE, got 'statement_timeout'", e.getMessage());
    }
}
