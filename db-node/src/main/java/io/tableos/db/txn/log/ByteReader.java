package io.tableos.db.txn.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link ByteWriter} wrote. Every length is checked against what remains, so a
 * corrupt entry fails with {@link CorruptEntryException} instead of allocating wildly.
 */
public final class ByteReader {
    private final ByteBuffer buffer;

    public ByteReader(ByteBuffer buffer) {
        this.buffer = buffer.slice();
    }

    public int remaining() {
        return buffer.remaining();
    }

    public int position() {
        return buffer.position();
    }

    private void need(int n) {
        if (n < 0 || buffer.remaining() < n) {
            throw new CorruptEntryException("log entry truncated: need " + n + " bytes, " + buffer.remaining() + " left");
        }
    }

    public int readByte() {
        need(1);
        return buffer.get() & 0xFF;
    }

    public boolean readBoolean() {
        int b = readByte();
        if (b > 1) throw new CorruptEntryException("bad boolean " + b);
        return b == 1;
    }

    public int readInt() {
        need(4);
        return buffer.getInt();
    }

    public long readLong() {
        need(8);
        return buffer.getLong();
    }

    public int readVarInt() {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = readByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0) throw new CorruptEntryException("varint out of range");
                return value;
            }
        }
        throw new CorruptEntryException("varint too long");
    }

    /** A count of items each at least {@code minItemBytes} long: bounded by what remains. */
    public int readCount(int minItemBytes) {
        int n = readVarInt();
        if ((long) n * Math.max(1, minItemBytes) > buffer.remaining()) {
            throw new CorruptEntryException("count " + n + " exceeds the entry");
        }
        return n;
    }

    public byte[] readBytes() {
        int n = readVarInt();
        need(n);
        byte[] bytes = new byte[n];
        buffer.get(bytes);
        return bytes;
    }

    public byte[] readNullableBytes() {
        return readBoolean() ? readBytes() : null;
    }

    public String readString() {
        return new String(readBytes(), StandardCharsets.UTF_8);
    }

    public String readNullableString() {
        return readBoolean() ? readString() : null;
    }
}
