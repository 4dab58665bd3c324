package io.tableos.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class VmSettingsTest {
    @Test
    void memorySizesAndHeap() {
        assertEquals(768, VmSettings.parseMemoryMib("768M"));
        assertEquals(1024, VmSettings.parseMemoryMib("1g"));
        assertEquals(512, VmSettings.parseMemoryMib("512"));
        assertEquals(422, VmSettings.heapFor(768));
        assertThrows(LauncherException.class, () -> VmSettings.parseMemoryMib("12K"));
        assertThrows(LauncherException.class, () -> VmSettings.parseMemoryMib("100M"));
    }

    @Test
    void peersAreNamedUnderUserNetworkingAndAddressedOnABridge() {
        ClusterState cluster = new ClusterState(Path.of("/tmp/x"), VmMode.MODE, "tableos", List.of(
                new ClusterState.Node(1, "127.0.0.1", 15432, 15532), new ClusterState.Node(2, "127.0.0.1", 15433, 15533)));
        assertEquals("1=node1:15532:15432,2=node2:15533:15433",
                VmMode.peers(cluster, new VmSettings("tcg", 768, 1, "user", 422)));
        assertEquals("1=10.77.0.11:15532:15432,2=10.77.0.12:15533:15433",
                VmMode.peers(cluster, new VmSettings("tcg", 768, 1, "bridge", 422)));
    }

    @Test
    void tcgGuestsGetLongElectionsAndC1() {
        String extras = VmNodes.kernelExtras(new VmSettings("tcg", 768, 1, "user", 422));
        assertEquals("tableos.electiontimeoutms=2000 tableos.jvmopts=\"-XX:TieredStopAtLevel=1\"", extras);
        assertEquals("tableos.electiontimeoutms=1000", VmNodes.kernelExtras(new VmSettings("kvm", 768, 1, "user", 422)));
    }
}
