package io.tableos.db.wire.pgwire.codec;

import io.netty.buffer.ByteBuf;
import io.tableos.db.types.DataType;
import io.tableos.db.types.Interval;

/** interval: int64 microseconds, int32 days, int32 months (in that order on the wire). */
final class IntervalCodec implements BinaryCodec {
    static final IntervalCodec INSTANCE = new IntervalCodec();

    @Override
    public void encode(Object value, DataType type, ByteBuf out) {
        Interval interval = (Interval) value;
        out.writeLong(interval.micros());
        out.writeInt(interval.days());
        out.writeInt(interval.months());
    }

    @Override
    public Object decode(ByteBuf in, int length, DataType type) {
        BinaryFormatException.expectLength(length, 16, "interval");
        long micros = in.readLong();
        int days = in.readInt();
        int months = in.readInt();
        return new Interval(months, days, micros);
    }
}
