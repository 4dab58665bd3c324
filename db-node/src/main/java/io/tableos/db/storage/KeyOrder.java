package io.tableos.db.storage;

import java.util.Arrays;
import java.util.Comparator;

/** Unsigned lexicographic order of encoded keys: the order of every index and range. */
public final class KeyOrder {
    private KeyOrder() {}

    public static final Comparator<byte[]> COMPARATOR = KeyOrder::compare;

    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** The smallest key greater than every key starting with {@code prefix}, or null when there is none. */
    public static byte[] prefixEnd(byte[] prefix) {
        byte[] end = prefix.clone();
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xFF) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        return null;
    }
}
