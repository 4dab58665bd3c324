package io.tableos.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One QMP (QEMU Machine Protocol) command over a VM's unix socket: greeting, capabilities
 * handshake, the command, its reply. Every QMP message is one JSON object on one line;
 * asynchronous events ({@code "event"}) may come before the reply and are skipped. Replies
 * are matched by their {@code "return"} or {@code "error"} key, so no JSON library is needed.
 */
final class Qmp {
    /** Longest wait for QEMU's answer; a paused VM still answers QMP at once. */
    static final long REPLY_TIMEOUT_MILLIS = 10_000;

    private Qmp() {}

    /** Sends {@code {"execute": command, "arguments": argumentsJson}} and returns the reply line. */
    static String execute(Path socket, String command, String argumentsJson) {
        ExecutorService single = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "qmp");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<String> reply = single.submit(() -> exchange(socket, command, argumentsJson));
            return reply.get(REPLY_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LauncherException("QMP " + command + " on " + socket + ": no reply within " + REPLY_TIMEOUT_MILLIS + " ms");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new LauncherException("QMP " + command + " on " + socket + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted");
        } finally {
            single.shutdownNow();
        }
    }

    private static String exchange(Path socket, String command, String argumentsJson) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            BufferedReader in = new BufferedReader(Channels.newReader(channel, StandardCharsets.UTF_8));
            Writer out = Channels.newWriter(channel, StandardCharsets.UTF_8);
            if (in.readLine() == null) throw new IOException("QEMU closed the socket before its greeting");
            send(out, "{\"execute\":\"qmp_capabilities\"}");
            reply(in, "qmp_capabilities", false);
            send(out, "{\"execute\":\"" + command + "\""
                    + (argumentsJson == null ? "" : ",\"arguments\":" + argumentsJson) + "}");
            // quit: QEMU may close the socket before (or instead of) answering.
            return reply(in, command, command.equals("quit"));
        }
    }

    private static void send(Writer out, String json) throws IOException {
        out.write(json);
        out.write('\n');
        out.flush();
    }

    private static String reply(BufferedReader in, String command, boolean closeIsSuccess) throws IOException {
        while (true) {
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                if (closeIsSuccess) return "{\"return\": {}}";
                throw e;
            }
            if (line == null) {
                if (closeIsSuccess) return "{\"return\": {}}";
                throw new IOException("QEMU closed the socket without answering " + command);
            }
            if (line.contains("\"return\"")) return line;
            if (line.contains("\"error\"")) throw new IOException(command + " failed: " + line);
            // anything else is an event: skip it
        }
    }
}
