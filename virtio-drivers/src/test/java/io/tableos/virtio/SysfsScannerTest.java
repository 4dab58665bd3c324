package io.tableos.virtio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests device discovery against the sample VM sysfs tree in resources/sysfs/vm-tree.txt. */
class SysfsScannerTest {

    @TempDir
    Path root;

    @Test
    void readsVirtioDiskSizeCountersAndDriver() throws Exception {
        SysfsScanner scanner = new SysfsScanner(SampleTree.materialize("/sysfs/vm-tree.txt", root).resolve("sys"));
        List<DeviceInfo> disks = scanner.blockDevices();
        assertEquals(List.of(DeviceInfo.block("vda", "virtio_blk", 2097152L * 512, 20480L * 512, 1064L * 512)), disks,
                "loop0 is skipped; sizes and counters are in 512-byte sectors");
    }

    @Test
    void readsNicsWithMacCountersAndDriver() throws Exception {
        SysfsScanner scanner = new SysfsScanner(SampleTree.materialize("/sysfs/vm-tree.txt", root).resolve("sys"));
        assertEquals(List.of(
                DeviceInfo.net("eth0", "virtio_net", "52:54:00:12:34:56", 11892, 740),
                DeviceInfo.net("lo", DeviceInfo.UNKNOWN_DRIVER, "00:00:00:00:00:00", 0, 0)),
                scanner.networkInterfaces());
    }

    @Test
    void missingTreeMeansNoDevices() {
        assertEquals(List.of(), new SysfsScanner(root.resolve("absent")).devices());
    }

    @Test
    void describeIsOneLine() {
        assertEquals("block vda virtio_blk 1024B in=1 out=2", DeviceInfo.block("vda", "virtio_blk", 1024, 1, 2).describe());
    }
}
