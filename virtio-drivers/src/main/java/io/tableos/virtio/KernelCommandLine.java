package io.tableos.virtio;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a Linux kernel command line ({@code /proc/cmdline}) into the {@code tableos.*}
 * settings. Words are separated by blanks; a double-quoted stretch may hold blanks
 * ({@code tableos.jvmopts="-Xss512k -XX:+UseSerialGC"}) and the quotes are dropped, which is
 * how the kernel itself splits parameters. A word without {@code =} is a flag with value "".
 * When a key repeats, the last value wins (again as the kernel does for {@code __setup} keys).
 * Input length is bounded by the kernel (COMMAND_LINE_SIZE, 2048 bytes on x86), so no limit here.
 */
public final class KernelCommandLine {

    public static final String PREFIX = "tableos.";

    private KernelCommandLine() {
    }

    /** The {@code tableos.*} words of {@code commandLine}, in order of first appearance. */
    public static Map<String, String> parse(String commandLine) {
        Map<String, String> parameters = new LinkedHashMap<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < commandLine.length(); i++) {
            char c = commandLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && Character.isWhitespace(c)) {
                addWord(word, parameters);
            } else {
                word.append(c);
            }
        }
        addWord(word, parameters);
        return parameters;
    }

    private static void addWord(StringBuilder word, Map<String, String> parameters) {
        if (word.length() == 0) {
            return;
        }
        String text = word.toString();
        word.setLength(0);
        if (!text.startsWith(PREFIX)) {
            return;
        }
        int equals = text.indexOf('=');
        String key = equals < 0 ? text : text.substring(0, equals);
        String value = equals < 0 ? "" : text.substring(equals + 1);
        parameters.remove(key);
        parameters.put(key, value);
    }
}
