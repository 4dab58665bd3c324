package io.tableos.virtio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The device layer of a node running as an ordinary process (development, tests, the
 * launcher's local mode). Data lives in a directory, peers are reached over loopback, and the
 * {@code tableos.*} settings come from system properties ({@code -Dtableos.node=1}), so a node
 * is configured the same way in both worlds. Devices are reported as the directory's file
 * store (capacity only: a host has no per-directory I/O counters) and the loopback interface.
 */
public final class HostDeviceLayer implements DeviceLayer {

    public static final String LOOPBACK_ADDRESS = "127.0.0.1";
    static final String DIRECTORY_DRIVER = "directory";
    static final String LOOPBACK_DRIVER = "loopback";

    private final Path dataDirectory;

    public HostDeviceLayer(Path dataDirectory) {
        this.dataDirectory = dataDirectory.toAbsolutePath();
    }

    @Override
    public Path dataDirectory() {
        try {
            return Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDirectory, e);
        }
    }

    @Override
    public String nodeAddress() {
        return LOOPBACK_ADDRESS;
    }

    @Override
    public List<DeviceInfo> devices() {
        long capacity;
        try {
            FileStore store = Files.getFileStore(dataDirectory());
            capacity = store.getTotalSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + dataDirectory, e);
        }
        return List.of(
                DeviceInfo.block(dataDirectory.toString(), DIRECTORY_DRIVER, capacity, 0, 0),
                DeviceInfo.net("lo", LOOPBACK_DRIVER, "00:00:00:00:00:00", 0, 0));
    }

    @Override
    public boolean runningInVm() {
        return false;
    }

    /** Nothing to do: powering off the host is never the node's business. */
    @Override
    public void powerOff() {
    }

    @Override
    public Map<String, String> kernelParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith(KernelCommandLine.PREFIX))
                .sorted()
                .forEach(name -> parameters.put(name, System.getProperty(name)));
        return parameters;
    }
}
