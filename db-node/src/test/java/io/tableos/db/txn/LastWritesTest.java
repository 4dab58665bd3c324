package io.tableos.db.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * LastWrites against a HashMap model under random puts, conditional removes and lookups, with
 * fingerprints drawn from a small set that collide in their slots (long probe runs that wrap
 * around the table), so backward-shift deletion is exercised at every position.
 */
class LastWritesTest {
    @Test
    void behavesAsAMapOfMaximaWithConditionalRemoval() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        LastWrites table = new LastWrites(64);
        Map<Long, Long> model = new HashMap<>();
        List<Long> fingerprints = new ArrayList<>();
        // Home slot 0 for 30 of them, slot 126 (runs wrap past the end) for 30 more, anywhere for the rest.
        for (int i = 1; i <= 30; i++) fingerprints.add((long) i << 40);
        for (int i = 1; i <= 30; i++) fingerprints.add((long) i << 40 | 126);
        for (int i = 0; i < 40; i++) fingerprints.add(random.nextLong());
        fingerprints.add(0L); // stored under another slot key, still distinct from every other
        long sequence = 0;
        for (int op = 0; op < 200_000; op++) {
            long fp = fingerprints.get(random.nextInt(fingerprints.size()));
            switch (random.nextInt(3)) {
                case 0 -> {
                    if (model.size() < 64 || model.containsKey(fp)) {
                        sequence++;
                        table.put(fp, sequence);
                        model.merge(fp, sequence, Math::max);
                    }
                }
                case 1 -> {
                    Long last = model.get(fp);
                    long asked = last != null && random.nextBoolean() ? last : sequence + 1;
                    table.removeIf(fp, asked);
                    if (last != null && last == asked) model.remove(fp);
                }
                default -> { }
            }
            for (long f : fingerprints) {
                assertEquals(model.getOrDefault(f, LastWrites.NONE), table.get(f), "fingerprint " + f + " at op " + op + ", seed " + seed);
            }
            assertEquals(model.size(), table.size(), "seed " + seed);
        }
    }

    @Test
    void refusesToGrowPastItsRoom() {
        LastWrites table = new LastWrites(3); // 8 slots, half of them usable
        for (long fp = 1; fp <= 4; fp++) table.put(fp, fp);
        assertThrows(IllegalStateException.class, () -> table.put(5, 5));
    }
}
