package io.tableos.virtio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds a sample /proc + /sys tree under a temporary directory from a text resource, because
 * sysfs is mostly symlinks and tiny files that a source tree cannot hold faithfully.
 * Resource lines: {@code path = content} (a literal {@code \n} becomes a newline),
 * {@code path -> target} (a symlink), {@code #} comments.
 */
final class SampleTree {

    private SampleTree() {
    }

    static Path materialize(String resource, Path root) throws IOException {
        try (InputStream in = SampleTree.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int link = line.indexOf(" -> ");
                int file = line.indexOf(" = ");
                if (link >= 0 && (file < 0 || link < file)) {
                    Path path = root.resolve(line.substring(0, link).trim());
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(line.substring(link + 4).trim()));
                } else if (file >= 0) {
                    Path path = root.resolve(line.substring(0, file).trim());
                    Files.createDirectories(path.getParent());
                    Files.writeString(path, line.substring(file + 3).replace("\\n", "\n") + "\n");
                } else {
                    throw new IOException("bad sample line: " + line);
                }
            }
        }
        return root;
    }
}
