package io.tableos.db.sql.exec.op;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * A tuple of values usable as a hash key with SQL equality: numbers of different Java
 * types that compare equal get equal keys; byte arrays compare by content.
 */
final class HashKey {
    private final Object[] values;
    private final int hash;

    HashKey(Object[] values) {
        this.values = new Object[values.length];
        for (int i = 0; i < values.length; i++) this.values[i] = normalize(values[i]);
        this.hash = Arrays.deepHashCode(this.values);
    }

    static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Long) return ((Number) v).longValue();
        if (v instanceof Float f) return f.doubleValue();
        if (v instanceof BigDecimal d) {
            if (d.signum() == 0) return 0L;
            BigDecimal s = d.stripTrailingZeros();
            return s.scale() <= 0 && s.precision() - s.scale() < 19 ? (Object) s.longValueExact() : s;
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e18) return d.longValue();
        return v;
    }

    boolean hasNull() {
        for (Object v : values) if (v == null) return true;
        return false;
    }

    @Override public int hashCode() { return hash; }

    @Override
    public boolean equals(Object o) {
        return o instanceof HashKey k && Arrays.deepEquals(values, k.values);
    }
}
