package io.tableos.virtio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The machine as the database node sees it. Two implementations: {@link VirtioDeviceLayer}
 * when the JVM is a TableOS VM's only process, {@link HostDeviceLayer} for development on a
 * plain host. {@link #detect(Path)} picks one; nothing else in the node should ask where it runs.
 */
public interface DeviceLayer {

    /** Kernel command-line key whose presence marks a TableOS VM (init requires it too). */
    String NODE_PARAMETER = "tableos.node";

    /** Where the node keeps its files: the data disk's mount point in a VM, the given directory on a host. */
    Path dataDirectory();

    /** This node's own IPv4 address: the guest NIC's address in a VM, {@code 127.0.0.1} on a host. */
    String nodeAddress();

    /** Block devices and network interfaces with their counters, read now. */
    List<DeviceInfo> devices();

    boolean runningInVm();

    /**
     * Ends the machine. In a VM this flushes and remounts the data disk read-only, then asks
     * the kernel to power off, so QEMU exits; it does not return normally. On a host it does
     * nothing: the caller then exits the JVM itself.
     */
    void powerOff();

    /** The {@code tableos.*} settings, full keys (e.g. {@code tableos.sqlport}) to values. */
    Map<String, String> kernelParameters();

    /**
     * A VM when {@code /proc/cmdline} names a node ({@value #NODE_PARAMETER}=...), else a host
     * layer rooted at {@code hostDataDir}.
     */
    static DeviceLayer detect(Path hostDataDir) {
        return detect(hostDataDir, Path.of("/"));
    }

    /** {@link #detect(Path)} against another root, so tests can feed sample /proc and /sys trees. */
    static DeviceLayer detect(Path hostDataDir, Path systemRoot) {
        Path cmdline = systemRoot.resolve("proc/cmdline");
        if (Files.isReadable(cmdline)) {
            try {
                Map<String, String> parameters = KernelCommandLine.parse(Files.readString(cmdline));
                if (parameters.containsKey(NODE_PARAMETER)) {
                    return new VirtioDeviceLayer(systemRoot, parameters);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + cmdline, e);
            }
        }
        return new HostDeviceLayer(hostDataDir);
    }
}
