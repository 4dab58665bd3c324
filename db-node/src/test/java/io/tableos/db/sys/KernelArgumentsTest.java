package io.tableos.db.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tableos.virtio.DeviceInfo;
import io.tableos.virtio.DeviceLayer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KernelArgumentsTest {
    /** A VM's device layer as the node sees it: settings from a kernel line, data on /data. */
    private static DeviceLayer vm(Map<String, String> parameters) {
        return new DeviceLayer() {
            @Override public Path dataDirectory() { return Path.of("/data"); }
            @Override public String nodeAddress() { return "10.0.2.15"; }
            @Override public List<DeviceInfo> devices() { return List.of(); }
            @Override public boolean runningInVm() { return true; }
            @Override public void powerOff() {}
            @Override public Map<String, String> kernelParameters() { return parameters; }
        };
    }

    @Test
    void kernelLineBecomesNodeConfig() {
        Map<String, String> line = new LinkedHashMap<>();
        line.put("tableos.node", "2");
        line.put("tableos.sqlport", "15433");
        line.put("tableos.raftport", "16002");
        line.put("tableos.peers", "1=node1:16001:15432,2=node2:16002:15433,3=node3:16003:15434");
        line.put("tableos.passwordfile", "/sys/firmware/qemu_fw_cfg/by_name/opt/io.tableos/password/raw");
        line.put("tableos.xmx", "422m");  // init's business, not a node flag
        NodeConfig config = NodeConfig.parse(KernelArguments.toFlags(vm(line)));
        assertEquals(2, config.nodeId());
        assertEquals(Path.of("/data"), config.dataDir());
        assertEquals("10.0.2.15", config.host());
        assertEquals(15433, config.sqlPort());
        assertEquals(16002, config.raftPort());
        assertEquals(3, config.peers().size());
        assertEquals("node2", config.self().host());
        assertEquals(Path.of("/sys/firmware/qemu_fw_cfg/by_name/opt/io.tableos/password/raw"), config.passwordFile());
    }

    @Test
    void explicitHostWins() {
        Map<String, String> line = new LinkedHashMap<>();
        line.put("tableos.node", "1");
        line.put("tableos.host", "0.0.0.0");
        line.put("tableos.raftport", "16001");
        line.put("tableos.auth", "trust");
        NodeConfig config = NodeConfig.parse(KernelArguments.toFlags(vm(line)));
        assertEquals("0.0.0.0", config.host());
        assertEquals("trust", config.authMethod());
    }
}
