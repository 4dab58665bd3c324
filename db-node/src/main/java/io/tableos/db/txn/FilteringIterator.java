package io.tableos.db.txn;

import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/** The entries of an iterator that a predicate keeps, read lazily (a scan that stops early tests no more). */
final class FilteringIterator implements Iterator<Map.Entry<byte[], byte[]>> {
    private final Iterator<Map.Entry<byte[], byte[]>> source;
    private final Predicate<Map.Entry<byte[], byte[]>> keep;
    private Map.Entry<byte[], byte[]> next;

    FilteringIterator(Iterator<Map.Entry<byte[], byte[]>> source, Predicate<Map.Entry<byte[], byte[]>> keep) {
        this.source = source;
        this.keep = keep;
    }

    @Override
    public boolean hasNext() {
        while (next == null && source.hasNext()) {
            Map.Entry<byte[], byte[]> candidate = source.next();
            if (keep.test(candidate)) next = candidate;
        }
        return next != null;
    }

    @Override
    public Map.Entry<byte[], byte[]> next() {
        if (!hasNext()) throw new NoSuchElementException();
        Map.Entry<byte[], byte[]> result = next;
        next = null;
        return result;
    }
}
