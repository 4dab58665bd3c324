package io.tableos.db.storage;

import java.util.Arrays;

/**
 * A growable byte array the codecs write into. One instance per thread is reused
 * ({@link #forThread()}), so encoding allocates only the final exact-size result.
 * A builder that grew past {@link #RETAINED_BYTES_MAX} is dropped after use so that one
 * huge row does not pin memory on a thread for ever.
 */
final class ByteBuilder {
    static final int INITIAL_BYTES = 256;
    static final int RETAINED_BYTES_MAX = 1 << 20;

    private static final ThreadLocal<ByteBuilder> PER_THREAD = ThreadLocal.withInitial(ByteBuilder::new);

    byte[] bytes = new byte[INITIAL_BYTES];
    int length;

    /** The calling thread's builder, emptied. Not reentrant: finish with {@link #toArrayAndRelease()}. */
    static ByteBuilder forThread() {
        ByteBuilder b = PER_THREAD.get();
        b.length = 0;
        return b;
    }

    byte[] toArrayAndRelease() {
        byte[] result = Arrays.copyOf(bytes, length);
        if (bytes.length > RETAINED_BYTES_MAX) bytes = new byte[INITIAL_BYTES];
        length = 0;
        return result;
    }

    void ensure(int more) {
        int needed = length + more;
        if (needed < 0) throw new IllegalStateException("encoded value exceeds 2 GiB");
        if (needed > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
    }

    void put(int b) {
        ensure(1);
        bytes[length++] = (byte) b;
    }

    void put(byte[] src, int offset, int count) {
        ensure(count);
        System.arraycopy(src, offset, bytes, length, count);
        length += count;
    }

    void putShortBigEndian(int v) {
        ensure(2);
        bytes[length++] = (byte) (v >>> 8);
        bytes[length++] = (byte) v;
    }

    void putIntBigEndian(int v) {
        ensure(4);
        bytes[length++] = (byte) (v >>> 24);
        bytes[length++] = (byte) (v >>> 16);
        bytes[length++] = (byte) (v >>> 8);
        bytes[length++] = (byte) v;
    }

    void putLongBigEndian(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) bytes[length++] = (byte) (v >>> shift);
    }

    /** Unsigned LEB128. */
    void putVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            bytes[length++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[length++] = (byte) v;
    }

    void putZigZagLong(long v) {
        putVarLong((v << 1) ^ (v >> 63));
    }

    /** Inverts bytes [from, length): how a DESC key component is stored. */
    void invertFrom(int from) {
        for (int i = from; i < length; i++) bytes[i] = (byte) ~bytes[i];
    }

    /** Number of bytes {@code s} takes in UTF-8 (unpaired surrogates become '?', as String.getBytes does). */
    static int utf8Length(CharSequence s) {
        int n = s.length();
        int count = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    count += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    count += 2; // 4 bytes for 2 chars
                    i++;
                } else if (Character.isSurrogate(c)) {
                    // replaced by '?': one byte, already counted
                } else {
                    count += 2;
                }
            }
        }
        return count;
    }

    /**
     * Writes {@code s} as UTF-8. When {@code escapeZero} is set, each 0x00 byte becomes
     * 0x00 0xFF (the key codec's escaping; only U+0000 produces a zero byte in UTF-8).
     */
    void putUtf8(CharSequence s, boolean escapeZero) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c == 0 && escapeZero) {
                    put(0);
                    put(0xFF);
                } else {
                    put(c);
                }
            } else if (c < 0x800) {
                ensure(2);
                bytes[length++] = (byte) (0xC0 | (c >> 6));
                bytes[length++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                ensure(4);
                bytes[length++] = (byte) (0xF0 | (cp >> 18));
                bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                bytes[length++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                put('?');
            } else {
                ensure(3);
                bytes[length++] = (byte) (0xE0 | (c >> 12));
                bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[length++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }
}
