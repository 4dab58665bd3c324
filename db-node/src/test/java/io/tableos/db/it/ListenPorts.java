package io.tableos.db.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Listening ports for test nodes that restart on the same port (a Raft peer's address is part
 * of its group). They are taken below the kernel's ephemeral range: a port from that range
 * (what binding port 0 gives) can become the local port of any outgoing connection while the
 * node is down, and the restart then fails with "Address already in use" (seen once in
 * CrashRecoveryTest's 20 kill/restart cycles).
 */
public final class ListenPorts {
    private ListenPorts() {}

    private static final int LOWEST = 20_000;
    /** Spread over the range by process, so test JVMs that overlap rarely try the same ports. */
    private static final AtomicInteger NEXT = new AtomicInteger(LOWEST + (int) (ProcessHandle.current().pid() % 5_000) * 2);

    /** A port that is free now and outside the ephemeral range (or an ephemeral one if the range leaves no room). */
    public static int stable() {
        int ephemeralLow = ephemeralRangeLow();
        for (int attempt = 0; attempt < 2_000 && ephemeralLow > LOWEST; attempt++) {
            int port = NEXT.getAndIncrement();
            if (port >= ephemeralLow) {
                NEXT.set(LOWEST);
                continue;
            }
            if (bindable(port)) return port;
        }
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int ephemeralRangeLow() {
        try {
            // readAllLines: Files.readString and readAllBytes returned "3" for this procfs file
            // (JDK 17), which sent every test port into the ephemeral range through port 0.
            return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;  // Linux's default
        }
    }
}
