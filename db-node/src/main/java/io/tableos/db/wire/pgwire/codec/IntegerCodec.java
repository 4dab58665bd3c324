package io.tableos.db.wire.pgwire.codec;

import io.netty.buffer.ByteBuf;
import io.tableos.db.types.DataType;

/**
 * int2, int4, int8 and the oid-like types (oid, regproc, regclass: unsigned int32 held as
 * Long). Encoding accepts any Number, so an engine returning an Integer for an int8 column
 * still works; a value that does not fit is 22003.
 */
final class IntegerCodec implements BinaryCodec {
    static final IntegerCodec INSTANCE = new IntegerCodec();

    @Override
    public void encode(Object value, DataType type, ByteBuf out) {
        if (!(value instanceof Number number)) {
            // A regclass result column carries the relation's name (the planner resolved it): no OID left to send.
            throw new io.tableos.db.types.DbException(io.tableos.db.types.SqlState.FEATURE_NOT_SUPPORTED,
                    "binary format is not supported for " + type.sqlName() + " result columns; request text format");
        }
        long v = number.longValue();
        switch (type.type()) {
            case INT2 -> {
                checkRange(v, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
                out.writeShort((int) v);
            }
            case INT4 -> {
                checkRange(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
                out.writeInt((int) v);
            }
            case INT8 -> out.writeLong(v);
            default -> {
                checkRange(v, Integer.MIN_VALUE, 0xFFFF_FFFFL, "oid");
                out.writeInt((int) v);
            }
        }
    }

    @Override
    public Object decode(ByteBuf in, int length, DataType type) {
        return switch (type.type()) {
            case INT2 -> {
                BinaryFormatException.expectLength(length, 2, "smallint");
                yield in.readShort();
            }
            case INT4 -> {
                BinaryFormatException.expectLength(length, 4, "integer");
                yield in.readInt();
            }
            case INT8 -> {
                BinaryFormatException.expectLength(length, 8, "bigint");
                yield in.readLong();
            }
            default -> {
                BinaryFormatException.expectLength(length, 4, "oid");
                yield in.readUnsignedInt();
            }
        };
    }

    private static void checkRange(long v, long min, long max, String name) {
        if (v < min || v > max) {
            throw new io.tableos.db.types.DbException(io.tableos.db.types.SqlState.NUMERIC_VALUE_OUT_OF_RANGE, name + " out of range");
        }
    }
}
