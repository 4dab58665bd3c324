package io.tableos.db.txn.log;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable big-endian byte buffer for log entries; varints for lengths and counts. */
public final class ByteWriter {
    private byte[] buffer;
    private int size;

    public ByteWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    public int size() {
        return size;
    }

    /** Truncates back to {@code newSize} (used to undo a partly written item). */
    public void truncate(int newSize) {
        if (newSize > size) throw new IllegalArgumentException("cannot grow by truncating");
        size = newSize;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    byte[] array() {
        return buffer;
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }

    public void writeByte(int b) {
        ensure(1);
        buffer[size++] = (byte) b;
    }

    /** Overwrites 4 bytes already written at {@code offset}. */
    public void setInt(int offset, int v) {
        if (offset < 0 || offset + 4 > size) throw new IndexOutOfBoundsException(offset);
        buffer[offset] = (byte) (v >>> 24);
        buffer[offset + 1] = (byte) (v >>> 16);
        buffer[offset + 2] = (byte) (v >>> 8);
        buffer[offset + 3] = (byte) v;
    }

    public void writeBoolean(boolean b) {
        writeByte(b ? 1 : 0);
    }

    public void writeInt(int v) {
        ensure(4);
        buffer[size++] = (byte) (v >>> 24);
        buffer[size++] = (byte) (v >>> 16);
        buffer[size++] = (byte) (v >>> 8);
        buffer[size++] = (byte) v;
    }

    public void writeLong(long v) {
        writeInt((int) (v >>> 32));
        writeInt((int) v);
    }

    /** Unsigned LEB128; for lengths and counts. */
    public void writeVarInt(int v) {
        if (v < 0) throw new IllegalArgumentException("negative varint " + v);
        ensure(5);
        while ((v & ~0x7F) != 0) {
            buffer[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buffer[size++] = (byte) v;
    }

    public void writeBytes(byte[] bytes) {
        writeVarInt(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    /** A possibly-null byte array: a presence byte, then the bytes. */
    public void writeNullableBytes(byte[] bytes) {
        writeBoolean(bytes != null);
        if (bytes != null) writeBytes(bytes);
    }

    public void writeString(String s) {
        writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    public void writeNullableString(String s) {
        writeBoolean(s != null);
        if (s != null) writeString(s);
    }
}
