package io.tableos.db.wire.pgwire;

import io.netty.buffer.ByteBuf;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.wire.pgwire.codec.BinaryCodecs;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads Bind's parameter values into the session's representation: null, a String for text
 * format (the engine converts it to the parameter's type), or the decoded value for binary
 * format (decoded by the parameter's type as prepared). A binary value that does not
 * decode to exactly its length is 22P03.
 */
final class ParameterDecoder {
    private ParameterDecoder() {}

    static Object[] decode(ByteBuf body, short[] formatCodes, List<DataType> types, int count) {
        if (formatCodes.length > 1 && formatCodes.length != count) {
            throw new DbException(SqlState.PROTOCOL_VIOLATION, "bind message has " + formatCodes.length
                    + " parameter formats but " + count + " parameters");
        }
        MessageReader.expectAtLeast(body, count, 4);
        Object[] values = new Object[count];
        for (int i = 0; i < count; i++) {
            int length = MessageReader.int32(body);
            if (length == -1) continue;
            if (length < 0 || length > body.readableBytes()) throw MessageReader.invalid("insufficient data left in message");
            int format = formatCodes.length == 0 ? ProtocolCodes.FORMAT_TEXT
                    : formatCodes.length == 1 ? formatCodes[0] : formatCodes[i];
            int end = body.readerIndex() + length;
            if (format == ProtocolCodes.FORMAT_TEXT) {
                values[i] = body.toString(body.readerIndex(), length, StandardCharsets.UTF_8);
                body.readerIndex(end);
            } else if (format == ProtocolCodes.FORMAT_BINARY) {
                values[i] = decodeBinary(body.readSlice(length), length, types.get(i), i + 1);
            } else {
                throw new DbException(SqlState.PROTOCOL_VIOLATION, "unsupported format code: " + format);
            }
        }
        return values;
    }

    private static Object decodeBinary(ByteBuf value, int length, DataType type, int parameterNumber) {
        DataType effective = type == null ? DataType.UNKNOWN : type;
        Object decoded;
        try {
            decoded = BinaryCodecs.forType(effective).decode(value, length, effective);
        } catch (IndexOutOfBoundsException e) {
            throw new DbException(SqlState.INVALID_BINARY_REPRESENTATION,
                    "insufficient data left in message for binary parameter $" + parameterNumber);
        } catch (DbException e) {
            throw new DbException(e.sqlState(), e.getMessage() + " (parameter $" + parameterNumber + ")");
        }
        if (value.isReadable()) {
            throw new DbException(SqlState.INVALID_BINARY_REPRESENTATION,
                    "incorrect binary data format in bind parameter " + parameterNumber);
        }
        return decoded;
    }
}
