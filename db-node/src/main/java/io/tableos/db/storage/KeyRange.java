package io.tableos.db.storage;

/**
 * A range of encoded keys (unsigned lexicographic byte order). A null bound is open.
 * Use {@link #prefix(byte[])} for "all keys starting with these bytes".
 */
public record KeyRange(byte[] low, boolean lowInclusive, byte[] high, boolean highInclusive) {
    public static final KeyRange ALL = new KeyRange(null, true, null, true);

    public static KeyRange point(byte[] key) {
        return new KeyRange(key, true, key, true);
    }

    public static KeyRange prefix(byte[] prefix) {
        return new KeyRange(prefix, true, KeyOrder.prefixEnd(prefix), false);
    }

    public boolean contains(byte[] key) {
        if (low != null) {
            int c = KeyOrder.compare(key, low);
            if (c < 0 || (c == 0 && !lowInclusive)) return false;
        }
        if (high != null) {
            int c = KeyOrder.compare(key, high);
            if (c > 0 || (c == 0 && !highInclusive)) return false;
        }
        return true;
    }

    /** True when {@code key}, outside this range, lies past the bound a scan in that direction moves towards (the scan may stop). */
    public boolean isPassedBy(byte[] key, boolean descending) {
        byte[] bound = descending ? low : high;
        if (bound == null) return false;
        int c = KeyOrder.compare(key, bound);
        return descending ? c < 0 || (c == 0 && !lowInclusive) : c > 0 || (c == 0 && !highInclusive);
    }
}
