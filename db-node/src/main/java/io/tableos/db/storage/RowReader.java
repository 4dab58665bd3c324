package io.tableos.db.storage;

/** Sequential reads over an encoded row; the counterpart of {@link ByteBuilder}'s writes. */
final class RowReader {
    final byte[] bytes;
    int position;

    RowReader(byte[] bytes, int position) {
        this.bytes = bytes;
        this.position = position;
    }

    int get() {
        return bytes[position++] & 0xFF;
    }

    int getIntBigEndian() {
        return (get() << 24) | (get() << 16) | (get() << 8) | get();
    }

    long getLongBigEndian() {
        return ((long) getIntBigEndian() << 32) | (getIntBigEndian() & 0xFFFFFFFFL);
    }

    long getVarLong() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = bytes[position++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) return result;
        }
        throw new IllegalArgumentException("varint longer than 10 bytes at " + position);
    }

    int getVarInt() {
        long v = getVarLong();
        if (v < 0 || v > Integer.MAX_VALUE) throw new IllegalArgumentException("length out of range: " + v);
        return (int) v;
    }

    long getZigZagLong() {
        long v = getVarLong();
        return (v >>> 1) ^ -(v & 1);
    }

    void skipVarLong() {
        while (bytes[position++] < 0) {
            // continuation bit set
        }
    }

    void skip(int count) {
        position += count;
    }
}
