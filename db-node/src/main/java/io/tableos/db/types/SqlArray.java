package io.tableos.db.types;

import java.util.Arrays;

/** A one-dimensional SQL array value; elements use the Java representation of {@code elementType}. */
public record SqlArray(SqlType elementType, Object[] elements) {
    @Override
    public boolean equals(Object o) {
        return o instanceof SqlArray a && a.elementType == elementType && Arrays.deepEquals(a.elements, elements);
    }

    @Override
    public int hashCode() {
        return elementType.hashCode() * 31 + Arrays.deepHashCode(elements);
    }

    @Override
    public String toString() {
        return Arrays.deepToString(elements);
    }
}
