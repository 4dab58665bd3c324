package io.tableos.db.wire.pgwire.codec;

import io.netty.buffer.ByteBuf;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;

/**
 * One-dimensional arrays in PostgreSQL's binary layout: int32 ndim, int32 has-nulls flag,
 * int32 element oid, per dimension int32 size and int32 lower bound, then each element as
 * int32 length (−1 = NULL) and its bytes. An empty array has ndim 0.
 *
 * <p>Limits: ndim 0 or 1 (multidimensional arrays are 0A000); the element count is checked
 * against the bytes present before anything is allocated.
 */
final class ArrayCodec implements BinaryCodec {
    static final ArrayCodec INSTANCE = new ArrayCodec();

    @Override
    public void encode(Object value, DataType type, ByteBuf out) {
        SqlArray array = (SqlArray) value;
        SqlType elementType = type.element() != null ? type.element() : array.elementType();
        DataType elementDataType = DataType.of(elementType);
        BinaryCodec elementCodec = BinaryCodecs.forType(elementDataType);
        Object[] elements = array.elements();
        boolean hasNull = false;
        for (Object e : elements) hasNull |= e == null;
        out.writeInt(elements.length == 0 ? 0 : 1);
        out.writeInt(hasNull ? 1 : 0);
        out.writeInt(elementType.oid());
        if (elements.length == 0) return;
        out.writeInt(elements.length);
        out.writeInt(1);
        for (Object e : elements) {
            if (e == null) {
                out.writeInt(-1);
                continue;
            }
            int lengthAt = out.writerIndex();
            out.writeInt(0);
            elementCodec.encode(e, elementDataType, out);
            out.setInt(lengthAt, out.writerIndex() - lengthAt - 4);
        }
    }

    @Override
    public Object decode(ByteBuf in, int length, DataType type) {
        int end = in.readerIndex() + length;
        if (length < 12) throw BinaryFormatException.of("invalid array: " + length + " bytes");
        int dimensions = in.readInt();
        int flags = in.readInt();
        in.readInt(); // the element oid the client claims; the statement's parameter type decides
        SqlType elementType = type.element() != null ? type.element() : SqlType.TEXT;
        if (dimensions < 0 || (flags != 0 && flags != 1)) throw BinaryFormatException.of("invalid array header");
        if (dimensions > 1) throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "multidimensional arrays are not supported");
        if (dimensions == 0) {
            if (in.readerIndex() != end) throw BinaryFormatException.of("invalid empty array");
            return new SqlArray(elementType, new Object[0]);
        }
        if (end - in.readerIndex() < 8) throw BinaryFormatException.of("invalid array dimensions");
        int count = in.readInt();
        in.readInt(); // lower bound: SqlArray is always 1-based
        if (count < 0 || (long) count * 4 > end - in.readerIndex()) throw BinaryFormatException.of("invalid array size");
        DataType elementDataType = DataType.of(elementType);
        BinaryCodec elementCodec = BinaryCodecs.forType(elementDataType);
        Object[] elements = new Object[count];
        for (int i = 0; i < count; i++) {
            if (end - in.readerIndex() < 4) throw BinaryFormatException.of("insufficient data in array");
            int elementLength = in.readInt();
            if (elementLength == -1) continue;
            if (elementLength < 0 || elementLength > end - in.readerIndex()) throw BinaryFormatException.of("invalid array element length");
            int elementEnd = in.readerIndex() + elementLength;
            elements[i] = elementCodec.decode(in, elementLength, elementDataType);
            if (in.readerIndex() != elementEnd) throw BinaryFormatException.of("incorrect binary data format in array element");
        }
        if (in.readerIndex() != end) throw BinaryFormatException.of("trailing bytes after array");
        return new SqlArray(elementType, elements);
    }
}
