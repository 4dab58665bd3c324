package io.tableos.db.wire.pgwire;

import io.netty.buffer.ByteBuf;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of a message body, checking every bound: a short or malformed body is a
 * 08P01 {@link DbException}, never an IndexOutOfBoundsException escaping into the pipeline.
 */
final class MessageReader {
    private MessageReader() {}

    static String cString(ByteBuf body) {
        int end = body.indexOf(body.readerIndex(), body.writerIndex(), (byte) 0);
        if (end < 0) throw invalid("invalid string in message");
        String s = body.toString(body.readerIndex(), end - body.readerIndex(), StandardCharsets.UTF_8);
        body.readerIndex(end + 1);
        return s;
    }

    static int int32(ByteBuf body) {
        if (body.readableBytes() < 4) throw invalid("insufficient data left in message");
        return body.readInt();
    }

    static int int16(ByteBuf body) {
        if (body.readableBytes() < 2) throw invalid("insufficient data left in message");
        return body.readShort();
    }

    static int uint16(ByteBuf body) {
        if (body.readableBytes() < 2) throw invalid("insufficient data left in message");
        return body.readUnsignedShort();
    }

    static byte int8(ByteBuf body) {
        if (body.readableBytes() < 1) throw invalid("insufficient data left in message");
        return body.readByte();
    }

    static void end(ByteBuf body) {
        if (body.isReadable()) throw invalid("invalid message format");
    }

    /** Checks that {@code count} items of at least {@code minBytesEach} can be present, before allocating. */
    static void expectAtLeast(ByteBuf body, int count, int minBytesEach) {
        if (count < 0 || (long) count * minBytesEach > body.readableBytes()) {
            throw invalid("insufficient data left in message");
        }
    }

    static DbException invalid(String message) {
        return new DbException(SqlState.PROTOCOL_VIOLATION, message);
    }
}
