package io.tableos.virtio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A stand-in node for testing VM images before the database node exists: prints what the
 * {@link DeviceLayer} sees, bumps a boot counter on the data disk (proving it is mounted and
 * writable, and persistent across boots), then serves TCP on {@code tableos.sqlport}
 * (default {@value #DEFAULT_PORT}). Each connection gets the report; a connection whose first
 * line is {@code poweroff} powers the machine off instead.
 *
 * <p>Console protocol (boot-test.sh greps for it): the line {@value #READY_MARKER}
 * {@code port=<n> uptime=<kernel seconds>} is printed once the socket accepts connections.
 */
public final class DeviceReport {

    public static final String READY_MARKER = "TABLEOS-READY";
    public static final int DEFAULT_PORT = 5432;
    static final String PORT_PARAMETER = "tableos.sqlport";
    static final String HOST_DATA_PROPERTY = "tableos.datadir";
    static final String BOOT_COUNT_FILE = "boot-count";
    /** Longest command line a client may send; anything longer is simply not a command. */
    static final int COMMAND_CHARS_MAX = 64;
    private static final String POWER_OFF_COMMAND = "poweroff";

    private DeviceReport() {
    }

    public static void main(String[] args) throws IOException {
        DeviceLayer layer = DeviceLayer.detect(Path.of(System.getProperty(HOST_DATA_PROPERTY, "tableos-data")));
        long bootCount = incrementBootCount(layer.dataDirectory());
        String report = report(layer, bootCount);
        System.out.print(report);
        int port = Integer.parseInt(layer.kernelParameters().getOrDefault(PORT_PARAMETER, String.valueOf(DEFAULT_PORT)));
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(port));
            System.out.println(READY_MARKER + " port=" + server.getLocalPort() + " uptime=" + kernelUptime());
            System.out.flush();
            while (true) {
                try (Socket client = server.accept()) {
                    if (serve(client, layer, bootCount)) {
                        break;
                    }
                }
            }
        }
        System.out.println("powering off");
        System.out.flush();
        layer.powerOff();
    }

    /** Answers one client; true when it asked for power-off. */
    private static boolean serve(Socket client, DeviceLayer layer, long bootCount) throws IOException {
        client.setSoTimeout(2_000);
        String command = readCommand(client);
        OutputStream out = client.getOutputStream();
        if (POWER_OFF_COMMAND.equals(command)) {
            out.write("bye\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        }
        out.write(report(layer, bootCount).getBytes(StandardCharsets.UTF_8));
        out.flush();
        return false;
    }

    private static String readCommand(Socket client) {
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            char[] buffer = new char[COMMAND_CHARS_MAX];
            int length = in.read(buffer);
            return length <= 0 ? "" : new String(buffer, 0, length).trim();
        } catch (IOException e) {
            return "";  // a client that sends nothing before the timeout just wants the report
        }
    }

    static String report(DeviceLayer layer, long bootCount) {
        StringBuilder text = new StringBuilder();
        text.append("tableos vm=").append(layer.runningInVm())
                .append(" address=").append(layer.nodeAddress())
                .append(" data=").append(layer.dataDirectory())
                .append(" boots=").append(bootCount)
                .append(" java=").append(System.getProperty("java.version"))
                .append(" cpus=").append(Runtime.getRuntime().availableProcessors())
                .append(" maxHeapBytes=").append(Runtime.getRuntime().maxMemory())
                .append(" rss=").append(procField("/proc/self/status", "VmRSS:"))
                .append(" memTotal=").append(procField("/proc/meminfo", "MemTotal:"))
                .append(" memAvailable=").append(procField("/proc/meminfo", "MemAvailable:")).append('\n');
        for (Map.Entry<String, String> parameter : layer.kernelParameters().entrySet()) {
            text.append("param ").append(parameter.getKey()).append('=').append(parameter.getValue()).append('\n');
        }
        for (DeviceInfo device : layer.devices()) {
            text.append("device ").append(device.describe()).append('\n');
        }
        return text.toString();
    }

    private static long incrementBootCount(Path dataDirectory) {
        Path file = dataDirectory.resolve(BOOT_COUNT_FILE);
        try {
            long previous = Files.exists(file) ? Long.parseLong(Files.readString(file).trim()) : 0;
            // fsync: a VM killed right after boot (qmp quit) must still count this boot.
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(((previous + 1) + "\n").getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            return previous + 1;
        } catch (IOException e) {
            throw new UncheckedIOException("data directory is not writable: " + dataDirectory, e);
        }
    }

    /** The value of a "Key:   123 kB" line of a /proc file, blanks removed ("123kB"), or "?" off Linux. */
    private static String procField(String file, String key) {
        for (String line : SysfsScanner.readTrimmed(Path.of(file)).split("\n")) {
            if (line.startsWith(key)) {
                return line.substring(key.length()).replace(" ", "").replace("\t", "");
            }
        }
        return "?";
    }

    /** Seconds since the kernel started (first field of /proc/uptime), or "?" off Linux. */
    private static String kernelUptime() {
        String uptime = SysfsScanner.readTrimmed(Path.of("/proc/uptime"));
        return uptime.isEmpty() ? "?" : uptime.split("\\s+")[0];
    }
}
