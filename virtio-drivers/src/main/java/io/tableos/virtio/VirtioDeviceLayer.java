package io.tableos.virtio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The device layer of a TableOS VM, where the JVM replaced init as PID 1. Everything is read
 * from the kernel's files under {@code systemRoot} ({@code /} in a VM): settings from
 * {@code proc/cmdline}, devices from {@code sys}, the data directory from {@code proc/mounts}.
 *
 * <p>Power-off: Java cannot call reboot(2), so it goes through {@code proc/sysrq-trigger}
 * (writes there are honoured whatever {@code kernel.sysrq} says): 's' (emergency sync),
 * 'u' (sync and remount every file system read-only; done when the data mount shows
 * {@code ro}), then 'o' (power off, QEMU exits). Should the kernel not power off within
 * {@link #POWER_OFF_WAIT_MILLIS}, the JVM halts; init exiting panics the kernel, and with
 * {@code panic=1} plus QEMU's {@code -no-reboot} the VM ends anyway.
 */
public final class VirtioDeviceLayer implements DeviceLayer {

    /** Block device init mounts as the data disk unless {@code tableos.disk} says otherwise. */
    public static final String DEFAULT_DATA_DEVICE = "/dev/vda";
    public static final String DATA_DEVICE_PARAMETER = "tableos.disk";
    /** Static address as init applied it, {@code a.b.c.d/prefix}; see cluster-launcher/vm/README.md. */
    public static final String IP_PARAMETER = "tableos.ip";

    static final long REMOUNT_WAIT_MILLIS = 10_000;
    static final long POWER_OFF_WAIT_MILLIS = 10_000;
    private static final long POLL_INTERVAL_MILLIS = 20;

    private final Path systemRoot;
    private final Map<String, String> parameters;

    public VirtioDeviceLayer(Path systemRoot, Map<String, String> parameters) {
        this.systemRoot = systemRoot;
        this.parameters = Map.copyOf(parameters);
    }

    @Override
    public Path dataDirectory() {
        String device = dataDevice();
        return mountTable().findByDevice(device)
                .map(mount -> Path.of(mount.mountPoint()))
                .orElseThrow(() -> new IllegalStateException(
                        "data disk " + device + " is not mounted; init must mount it before starting the node"));
    }

    @Override
    public String nodeAddress() {
        String configured = parameters.getOrDefault(IP_PARAMETER, "");
        if (!configured.isEmpty() && !configured.equals("dhcp")) {
            int slash = configured.indexOf('/');
            return slash < 0 ? configured : configured.substring(0, slash);
        }
        return firstNonLoopbackIpv4();
    }

    @Override
    public List<DeviceInfo> devices() {
        return new SysfsScanner(systemRoot.resolve("sys")).devices();
    }

    @Override
    public boolean runningInVm() {
        return true;
    }

    @Override
    public Map<String, String> kernelParameters() {
        return parameters;
    }

    @Override
    public void powerOff() {
        sysrq('s');
        sysrq('u');
        awaitDataReadOnly();
        sysrq('o');
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POWER_OFF_WAIT_MILLIS);
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_INTERVAL_MILLIS));
        }
        Runtime.getRuntime().halt(0);
    }

    private String dataDevice() {
        return parameters.getOrDefault(DATA_DEVICE_PARAMETER, DEFAULT_DATA_DEVICE);
    }

    /** Waits for the emergency remount to reach the data disk; gives up quietly at the deadline. */
    private void awaitDataReadOnly() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REMOUNT_WAIT_MILLIS);
        String device = dataDevice();
        while (System.nanoTime() < deadline) {
            boolean settled = mountTable().findByDevice(device).map(MountTable.Mount::readOnly).orElse(true);
            if (settled) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_INTERVAL_MILLIS));
        }
    }

    private void sysrq(char command) {
        Path trigger = systemRoot.resolve("proc/sysrq-trigger");
        try {
            Files.write(trigger, new byte[] {(byte) command}, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write '" + command + "' to " + trigger, e);
        }
    }

    private MountTable mountTable() {
        Path mounts = systemRoot.resolve("proc/mounts");
        try {
            return MountTable.parse(Files.readString(mounts, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + mounts, e);
        }
    }

    private static String firstNonLoopbackIpv4() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot list network interfaces", e);
        }
        return HostDeviceLayer.LOOPBACK_ADDRESS;
    }
}
