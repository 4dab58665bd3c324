package io.tableos.db.sys;

import io.tableos.virtio.DeviceLayer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Node flags from the {@code tableos.*} settings of the device layer, for a node started
 * without arguments: in a VM they are kernel command-line words ({@code tableos.node=2
 * tableos.peers=1=node1:16001:15432,...}), on a host {@code -Dtableos.*} properties (the
 * image build trains its class-data archive that way). One image then serves every node:
 * only the kernel line differs. The data directory is always the device layer's (the data
 * disk's mount point in a VM), and the bind address defaults to the layer's own address.
 */
public final class KernelArguments {
    /** Host-only: where a node started without arguments keeps its data outside a VM. */
    public static final String HOST_DATA_DIR_PROPERTY = "tableos.datadir";
    public static final String HOST_DATA_DIR_DEFAULT = "tableos-data";

    /** Setting key → node flag; settings not listed here are left to init (xmx, ip, disk, ...). */
    static final Map<String, String> FLAGS_BY_SETTING = flagsBySetting();

    private KernelArguments() {}

    private static Map<String, String> flagsBySetting() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("tableos.node", "--node-id");
        flags.put("tableos.host", "--host");
        flags.put("tableos.sqlport", "--sql-port");
        flags.put("tableos.raftport", "--raft-port");
        flags.put("tableos.peers", "--peers");
        flags.put("tableos.auth", "--auth");
        flags.put("tableos.user", "--user");
        flags.put("tableos.passwordfile", "--password-file");
        flags.put("tableos.maxconnections", "--max-connections");
        flags.put("tableos.loglevel", "--log-level");
        return Map.copyOf(flags);
    }

    /** The flags {@link NodeConfig#parse} takes, built from the layer's settings. */
    public static String[] toFlags(DeviceLayer devices) {
        Map<String, String> settings = devices.kernelParameters();
        List<String> flags = new ArrayList<>();
        flags.add("--data-dir");
        flags.add(devices.dataDirectory().toString());
        if (!settings.containsKey("tableos.host")) {
            flags.add("--host");
            flags.add(devices.nodeAddress());
        }
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            String flag = FLAGS_BY_SETTING.get(setting.getKey());
            if (flag != null) {
                flags.add(flag);
                flags.add(setting.getValue());
            }
        }
        return flags.toArray(String[]::new);
    }
}
