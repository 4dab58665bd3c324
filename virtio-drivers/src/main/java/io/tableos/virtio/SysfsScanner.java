package io.tableos.virtio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads devices from a sysfs tree ({@code /sys} in a VM, a sample tree in tests).
 *
 * <p>Block devices come from {@code block/<name>}: {@code size} and the read/write sector
 * columns (3rd and 7th) of {@code stat}, all counted in 512-byte sectors whatever the disk's
 * real sector size (Documentation/block/stat.rst). Network interfaces come from
 * {@code class/net/<name>}: {@code address} and {@code statistics/{rx,tx}_bytes}. The driver is
 * the last element of the {@code device/driver} symlink. Purely virtual block devices
 * (loop, ram, zram) are skipped: they can never be the data disk.
 */
public final class SysfsScanner {

    /** The unit of sysfs block sizes and counters, fixed by the kernel ABI. */
    static final long SECTOR_BYTES = 512;

    private static final int STAT_READ_SECTORS = 2;
    private static final int STAT_WRITE_SECTORS = 6;
    private static final List<String> VIRTUAL_BLOCK_PREFIXES = List.of("loop", "ram", "zram");

    private final Path sysRoot;

    public SysfsScanner(Path sysRoot) {
        this.sysRoot = sysRoot;
    }

    /** Block devices then network interfaces, each sorted by name. */
    public List<DeviceInfo> devices() {
        List<DeviceInfo> devices = new ArrayList<>(blockDevices());
        devices.addAll(networkInterfaces());
        return devices;
    }

    public List<DeviceInfo> blockDevices() {
        List<DeviceInfo> devices = new ArrayList<>();
        for (Path device : sortedChildren(sysRoot.resolve("block"))) {
            String name = device.getFileName().toString();
            if (VIRTUAL_BLOCK_PREFIXES.stream().anyMatch(name::startsWith)) {
                continue;
            }
            long sectors = readLong(device.resolve("size"), 0);
            String[] stat = readWords(device.resolve("stat"));
            devices.add(DeviceInfo.block(name, driverOf(device),
                    sectors * SECTOR_BYTES,
                    statColumn(stat, STAT_READ_SECTORS) * SECTOR_BYTES,
                    statColumn(stat, STAT_WRITE_SECTORS) * SECTOR_BYTES));
        }
        return devices;
    }

    public List<DeviceInfo> networkInterfaces() {
        List<DeviceInfo> devices = new ArrayList<>();
        for (Path nic : sortedChildren(sysRoot.resolve("class/net"))) {
            String name = nic.getFileName().toString();
            String mac = readTrimmed(nic.resolve("address")).toLowerCase(Locale.ROOT);
            devices.add(DeviceInfo.net(name, driverOf(nic), mac,
                    readLong(nic.resolve("statistics/rx_bytes"), 0),
                    readLong(nic.resolve("statistics/tx_bytes"), 0)));
        }
        return devices;
    }

    private static String driverOf(Path device) {
        Path link = device.resolve("device/driver");
        try {
            if (Files.isSymbolicLink(link)) {
                return Files.readSymbolicLink(link).getFileName().toString();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + link, e);
        }
        return DeviceInfo.UNKNOWN_DRIVER;
    }

    private static List<Path> sortedChildren(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(directory)) {
            return children.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private static long statColumn(String[] stat, int column) {
        return column < stat.length ? Long.parseLong(stat[column]) : 0;
    }

    private static String[] readWords(Path file) {
        String text = readTrimmed(file);
        return text.isEmpty() ? new String[0] : text.split("\\s+");
    }

    private static long readLong(Path file, long missing) {
        String text = readTrimmed(file);
        return text.isEmpty() ? missing : Long.parseLong(text);
    }

    /** The file's content without surrounding blanks, or "" when it does not exist. */
    static String readTrimmed(Path file) {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
