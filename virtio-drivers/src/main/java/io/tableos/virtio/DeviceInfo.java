package io.tableos.virtio;

import java.util.Objects;

/**
 * One device as the kernel reports it, read once (counters are a snapshot, not live).
 *
 * @param kind          block device or network interface
 * @param name          kernel name: {@code vda}, {@code eth0}, {@code lo}
 * @param driver        kernel driver bound to it ({@code virtio_blk}, {@code virtio_net}), or
 *                      {@code "unknown"} when sysfs shows none (loopback, host directory)
 * @param macAddress    the NIC's MAC address; {@code null} for block devices
 * @param capacityBytes a block device's size in bytes; {@code -1} for network interfaces
 * @param bytesIn       bytes read from the disk, or received by the NIC
 * @param bytesOut      bytes written to the disk, or transmitted by the NIC
 */
public record DeviceInfo(DeviceKind kind, String name, String driver, String macAddress,
                         long capacityBytes, long bytesIn, long bytesOut) {

    public static final String UNKNOWN_DRIVER = "unknown";

    public DeviceInfo {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(driver, "driver");
        if (kind == DeviceKind.BLOCK && macAddress != null) {
            throw new IllegalArgumentException("a block device has no MAC address: " + name);
        }
        if (kind == DeviceKind.NET && capacityBytes != -1) {
            throw new IllegalArgumentException("a network interface has no capacity: " + name);
        }
    }

    public static DeviceInfo block(String name, String driver, long capacityBytes, long readBytes, long writtenBytes) {
        return new DeviceInfo(DeviceKind.BLOCK, name, driver, null, capacityBytes, readBytes, writtenBytes);
    }

    public static DeviceInfo net(String name, String driver, String macAddress, long receivedBytes, long transmittedBytes) {
        return new DeviceInfo(DeviceKind.NET, name, driver, macAddress, -1, receivedBytes, transmittedBytes);
    }

    /** One line for logs and the boot report, e.g. {@code block vda virtio_blk 1073741824B in=... out=...}. */
    public String describe() {
        String identity = kind == DeviceKind.BLOCK ? capacityBytes + "B" : macAddress;
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + name + " " + driver + " " + identity
                + " in=" + bytesIn + " out=" + bytesOut;
    }
}
