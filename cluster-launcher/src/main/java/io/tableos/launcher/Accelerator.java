package io.tableos.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Chooses QEMU's accelerator for {@code --accel auto}: KVM only if a KVM guest really starts
 * here ({@code vm/kvm-probe.sh} boots the kernel under a timeout and waits for its first
 * console line), else TCG. /dev/kvm existing is not enough: under nested virtualisation a
 * KVM guest can hang forever, and a hung probe must not hang {@code up}.
 */
final class Accelerator {
    /** The probe's own timeout (KVM_PROBE_TIMEOUT); the launcher waits a little longer. */
    static final int PROBE_SECONDS = 10;
    private static final int PROBE_GRACE_SECONDS = 10;

    record Choice(String accel, String reason) {}

    private Accelerator() {}

    static Choice choose(String requested, VmImage image) {
        switch (requested) {
            case "kvm", "tcg" -> { return new Choice(requested, "as requested"); }
            case "auto" -> { return probe(image); }
            default -> throw new LauncherException("--accel: expected auto, kvm or tcg, got '" + requested + "'", 2);
        }
    }

    private static Choice probe(VmImage image) {
        long start = System.nanoTime();
        try {
            ProcessBuilder builder = new ProcessBuilder(image.script("kvm-probe.sh").toString(),
                    image.imageDir().resolve("vmlinuz").toString()).redirectErrorStream(true);
            builder.environment().put("KVM_PROBE_TIMEOUT", Integer.toString(PROBE_SECONDS));
            Process probe = builder.start();
            if (!probe.waitFor(PROBE_SECONDS + PROBE_GRACE_SECONDS, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return new Choice("tcg", "KVM probe did not finish within " + (PROBE_SECONDS + PROBE_GRACE_SECONDS) + " s");
            }
            String answer = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            if (answer.endsWith("kvm")) return new Choice("kvm", "a KVM guest printed its banner within " + seconds + " s");
            return new Choice("tcg", "no working KVM (no guest output within " + PROBE_SECONDS + " s, or no /dev/kvm)");
        } catch (IOException e) {
            return new Choice("tcg", "KVM probe could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted");
        }
    }
}
