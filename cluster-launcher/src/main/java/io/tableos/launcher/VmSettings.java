package io.tableos.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * How a VM cluster's machines are shaped, chosen at {@code up} and reused by {@code restart}:
 * DIR/vm.properties. {@code accel} is the resolved choice (kvm or tcg), never "auto", so a
 * restarted node does not probe again.
 *
 * @param accel      kvm or tcg
 * @param memoryMib  guest RAM
 * @param cpus       vCPUs per VM
 * @param net        user (QEMU NAT, host forwards) or bridge (tap devices on a host bridge)
 * @param heapMib    the node JVM's -Xmx (about 55% of the RAM: Chronicle maps and Netty live off-heap)
 */
record VmSettings(String accel, int memoryMib, int cpus, String net, int heapMib) {
    static final String FILE_NAME = "vm.properties";
    static final int HEAP_PERCENT_OF_MEMORY = 55;
    static final int MEMORY_MIB_MIN = 256;
    static final int MEMORY_MIB_MAX = 64 * 1024;

    static int heapFor(int memoryMib) {
        return memoryMib * HEAP_PERCENT_OF_MEMORY / 100;
    }

    /** "768M", "1G", "1024" (MiB) → MiB. */
    static int parseMemoryMib(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        try {
            int mib;
            if (t.endsWith("G")) mib = Integer.parseInt(t.substring(0, t.length() - 1)) * 1024;
            else if (t.endsWith("M")) mib = Integer.parseInt(t.substring(0, t.length() - 1));
            else mib = Integer.parseInt(t);
            if (mib < MEMORY_MIB_MIN || mib > MEMORY_MIB_MAX) throw new NumberFormatException();
            return mib;
        } catch (NumberFormatException e) {
            throw new LauncherException("--memory: expected a size like 768M or 1G (" + MEMORY_MIB_MIN + "M.."
                    + MEMORY_MIB_MAX / 1024 + "G), got '" + text + "'", 2);
        }
    }

    void save(Path dir) throws IOException {
        Properties p = new Properties();
        p.setProperty("accel", accel);
        p.setProperty("memoryMib", Integer.toString(memoryMib));
        p.setProperty("cpus", Integer.toString(cpus));
        p.setProperty("net", net);
        p.setProperty("heapMib", Integer.toString(heapMib));
        try (Writer w = Files.newBufferedWriter(dir.resolve(FILE_NAME))) {
            p.store(w, "TableOS VM settings (written by tableos-cluster up)");
        }
    }

    static VmSettings load(Path dir) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(FILE_NAME))) {
            p.load(r);
        } catch (IOException e) {
            throw new LauncherException("cannot read " + dir.resolve(FILE_NAME) + ": " + e.getMessage());
        }
        return new VmSettings(p.getProperty("accel"), Integer.parseInt(p.getProperty("memoryMib")),
                Integer.parseInt(p.getProperty("cpus")), p.getProperty("net"), Integer.parseInt(p.getProperty("heapMib")));
    }
}
