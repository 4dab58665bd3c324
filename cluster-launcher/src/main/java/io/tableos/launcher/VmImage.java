package io.tableos.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where VM mode finds its parts: the image built by {@code make -C unikernel-build image}
 * ({@code build/image.env}: kernel, initramfs, runtime disk) and the scripts of
 * {@code cluster-launcher/vm}. VM mode is the default when both the image and QEMU exist.
 */
final class VmImage {
    static final String QEMU = "qemu-system-x86_64";

    final Path home;

    VmImage(Path home) {
        this.home = home;
    }

    Path imageDir() { return home.resolve("unikernel-build/build"); }

    Path imageEnv() { return imageDir().resolve("image.env"); }

    Path script(String name) { return home.resolve("cluster-launcher/vm").resolve(name); }

    boolean built() { return Files.isRegularFile(imageEnv()); }

    static boolean qemuInstalled() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, QEMU))) return true;
        }
        return false;
    }

    /** True when {@code up} without {@code --local} should boot VMs. */
    boolean available() {
        return built() && qemuInstalled();
    }

    void requireAvailable() {
        if (!qemuInstalled()) {
            throw new LauncherException(QEMU + " is not installed (Debian: apt-get install qemu-system-x86 qemu-utils), or use --local");
        }
        if (!built()) {
            throw new LauncherException("no VM image: " + imageEnv() + " is missing (run: make -C unikernel-build image), or use --local");
        }
    }
}
