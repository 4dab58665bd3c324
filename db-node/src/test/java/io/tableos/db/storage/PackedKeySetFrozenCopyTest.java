package io.tableos.db.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link PackedKeySet#frozenCopy()} keeps its keys while the original splits, merges and clears chunks. */
class PackedKeySetFrozenCopyTest {
    private static byte[] key(int i) {
        return ByteBuffer.allocate(4).putInt(i).array();
    }

    private static List<Integer> keys(PackedKeySet set) {
        List<Integer> keys = new ArrayList<>();
        PackedKeySet.Cursor c = set.cursor(null, false);
        while (c.next()) keys.add(ByteBuffer.wrap(c.key()).getInt());
        return keys;
    }

    @Test
    void frozenCopyIgnoresLaterWrites() {
        PackedKeySet set = new PackedKeySet();
        for (int i = 0; i < 20_000; i += 2) set.add(key(i), 0);
        List<Integer> before = keys(set);
        PackedKeySet frozen = set.frozenCopy();
        Random random = new Random(3);
        for (int i = 0; i < 50_000; i++) {
            int k = random.nextInt(40_000);
            if (random.nextBoolean()) set.add(key(k), 0);
            else set.remove(key(k));
        }
        assertEquals(before, keys(frozen));
        assertEquals(before.size(), frozen.size());
        set.clear();
        assertEquals(before, keys(frozen));
        assertEquals(true, frozen.contains(key(2)));
        assertEquals(false, frozen.contains(key(3)));
    }
}
