package io.tableos.db.storage;

import java.util.Arrays;

/**
 * Reads an encoded key component by component. {@link #mask} is 0xFF while reading a DESC
 * component, so every read sees the ascending form.
 */
final class KeyReader {
    final byte[] bytes;
    int position;
    int mask;

    KeyReader(byte[] bytes) {
        this.bytes = bytes;
    }

    boolean hasMore() {
        return position < bytes.length;
    }

    int get() {
        if (position >= bytes.length) throw new IllegalArgumentException("truncated key at byte " + position);
        return (bytes[position++] ^ mask) & 0xFF;
    }

    int getShort() {
        return (get() << 8) | get();
    }

    int getInt() {
        return (get() << 24) | (get() << 16) | (get() << 8) | get();
    }

    long getLong() {
        return ((long) getInt() << 32) | (getInt() & 0xFFFFFFFFL);
    }

    /** Reads an escaped byte string up to and including its 0x00 0x01 terminator. */
    byte[] getEscapedBytes() {
        int start = position;
        int escapes = 0;
        int end = start;
        while (true) {
            if (end + 1 >= bytes.length) throw new IllegalArgumentException("unterminated string in key at byte " + start);
            int b = (bytes[end] ^ mask) & 0xFF;
            if (b == 0) {
                int next = (bytes[end + 1] ^ mask) & 0xFF;
                if (next == 1) break;
                escapes++;
                end += 2;
            } else {
                end++;
            }
        }
        position = end + 2;
        if (escapes == 0 && mask == 0) return Arrays.copyOfRange(bytes, start, end);
        byte[] out = new byte[end - start - escapes];
        int o = 0;
        for (int i = start; i < end; i++) {
            byte b = (byte) (bytes[i] ^ mask);
            out[o++] = b;
            if (b == 0) i++; // skip the 0xFF escape
        }
        return out;
    }
}
