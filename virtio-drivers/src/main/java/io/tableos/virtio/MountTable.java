package io.tableos.virtio;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lines of {@code /proc/mounts}: {@code device mountpoint fstype options dump pass}.
 * The kernel escapes blank, tab, newline and backslash in paths as 3-digit octal
 * ({@code \040}); they are decoded here.
 */
public final class MountTable {

    /** One mounted file system. */
    public record Mount(String device, String mountPoint, String type, List<String> options) {
        public boolean readOnly() {
            return options.contains("ro");
        }
    }

    private final List<Mount> mounts;

    private MountTable(List<Mount> mounts) {
        this.mounts = List.copyOf(mounts);
    }

    public static MountTable parse(String procMounts) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : procMounts.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 4) {
                continue;
            }
            mounts.add(new Mount(unescape(fields[0]), unescape(fields[1]), fields[2],
                    List.of(fields[3].split(","))));
        }
        return new MountTable(mounts);
    }

    public List<Mount> mounts() {
        return mounts;
    }

    /** The last mount of {@code device}: a later mount on the same device hides earlier ones. */
    public Optional<Mount> findByDevice(String device) {
        Mount found = null;
        for (Mount mount : mounts) {
            if (mount.device().equals(device)) {
                found = mount;
            }
        }
        return Optional.ofNullable(found);
    }

    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder decoded = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                decoded.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                decoded.append(c);
            }
        }
        return decoded.toString();
    }

    private static boolean isOctal(String text, int from) {
        if (from + 3 > text.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
