package io.tableos.virtio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Tests /proc/mounts parsing: octal escapes, read-only detection, and stacked mounts. */
class MountTableTest {

    @Test
    void decodesEscapedBlanksInMountPoint() {
        MountTable table = MountTable.parse("/dev/vdb /mnt/with\\040blank ext4 ro,relatime 0 0\n");
        MountTable.Mount mount = table.findByDevice("/dev/vdb").orElseThrow();
        assertEquals("/mnt/with blank", mount.mountPoint());
        assertTrue(mount.readOnly());
    }

    @Test
    void laterMountOfSameDeviceWins() {
        MountTable table = MountTable.parse(
                "/dev/vda /data ext4 rw,noatime 0 0\n/dev/vda /data ext4 ro,noatime 0 0\n");
        assertTrue(table.findByDevice("/dev/vda").orElseThrow().readOnly());
        assertEquals(2, table.mounts().size());
    }

    @Test
    void unknownDeviceIsAbsentAndShortLinesAreSkipped() {
        MountTable table = MountTable.parse("garbage\n/dev/vda /data ext4 rw 0 0\n");
        assertFalse(table.findByDevice("/dev/vdb").isPresent());
        assertFalse(table.findByDevice("/dev/vda").orElseThrow().readOnly());
        assertEquals(1, table.mounts().size());
    }
}
