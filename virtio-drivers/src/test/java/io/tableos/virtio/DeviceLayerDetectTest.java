package io.tableos.virtio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests which layer {@link DeviceLayer#detect(Path, Path)} picks and what each reports, using a
 * sample VM tree and a plain temporary directory. powerOff is not exercised: in a VM it ends the machine.
 */
class DeviceLayerDetectTest {

    @TempDir
    Path root;

    @Test
    void vmTreeGivesVirtioLayer() throws Exception {
        SampleTree.materialize("/sysfs/vm-tree.txt", root);
        DeviceLayer layer = DeviceLayer.detect(root.resolve("host-data"), root);
        VirtioDeviceLayer virtio = assertInstanceOf(VirtioDeviceLayer.class, layer);
        assertTrue(virtio.runningInVm());
        assertEquals(Path.of("/data"), virtio.dataDirectory(), "mount point of /dev/vda from proc/mounts");
        assertEquals("10.0.2.15", virtio.nodeAddress(), "prefix length stripped from tableos.ip");
        assertEquals("2", virtio.kernelParameters().get("tableos.node"));
        assertEquals("-Xss512k -XX:+UseSerialGC", virtio.kernelParameters().get("tableos.jvmopts"));
        assertEquals(3, virtio.devices().size());
    }

    @Test
    void unmountedDataDiskIsAnError() throws Exception {
        SampleTree.materialize("/sysfs/vm-tree.txt", root);
        Files.writeString(root.resolve("proc/cmdline"), "tableos.node=1 tableos.disk=/dev/vdb\n");
        DeviceLayer layer = DeviceLayer.detect(root.resolve("host-data"), root);
        IllegalStateException error = assertThrows(IllegalStateException.class, layer::dataDirectory);
        assertTrue(error.getMessage().contains("/dev/vdb"), error.getMessage());
    }

    @Test
    void cmdlineWithoutNodeGivesHostLayer() throws Exception {
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/cmdline"), "BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro quiet\n");
        DeviceLayer layer = DeviceLayer.detect(root.resolve("host-data"), root);
        HostDeviceLayer host = assertInstanceOf(HostDeviceLayer.class, layer);
        assertFalse(host.runningInVm());
        assertEquals("127.0.0.1", host.nodeAddress());
        assertEquals(root.resolve("host-data").toAbsolutePath(), host.dataDirectory());
        assertTrue(Files.isDirectory(root.resolve("host-data")), "host layer creates its directory");
        assertEquals(HostDeviceLayer.DIRECTORY_DRIVER, host.devices().get(0).driver());
    }

    @Test
    void noProcAtAllGivesHostLayer() {
        assertInstanceOf(HostDeviceLayer.class, DeviceLayer.detect(root.resolve("d"), root.resolve("nothing")));
    }

    @Test
    void hostParametersComeFromSystemProperties() {
        System.setProperty("tableos.testkey", "v");
        try {
            assertEquals("v", new HostDeviceLayer(root).kernelParameters().get("tableos.testkey"));
        } finally {
            System.clearProperty("tableos.testkey");
        }
    }
}
