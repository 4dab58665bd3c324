package io.tableos.db.wire.pgwire.codec;

import io.netty.buffer.ByteBuf;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * date, time, timestamp and timestamptz with integer datetimes, counted from PostgreSQL's
 * epoch 2000-01-01: date as int32 days, time as int64 microseconds since midnight,
 * timestamps as int64 microseconds. PostgreSQL's ±infinity (INT_MAX/INT_MIN,
 * Long.MAX_VALUE/MIN_VALUE) map to the MAX/MIN constants of the java.time classes.
 * Sub-microsecond nanoseconds are truncated.
 */
final class DateTimeCodec implements BinaryCodec {
    static final DateTimeCodec INSTANCE = new DateTimeCodec();

    static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    static final long POSTGRES_EPOCH_SECOND = POSTGRES_EPOCH_DAY * 86_400L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    @Override
    public void encode(Object value, DataType type, ByteBuf out) {
        switch (type.type()) {
            case DATE -> out.writeInt(dateToDays((LocalDate) value));
            case TIME -> out.writeLong(((LocalTime) value).toNanoOfDay() / 1000);
            case TIMESTAMP -> out.writeLong(timestampToMicros((LocalDateTime) value));
            case TIMESTAMPTZ -> out.writeLong(timestamptzToMicros(value));
            default -> throw new IllegalArgumentException(type.toString());
        }
    }

    @Override
    public Object decode(ByteBuf in, int length, DataType type) {
        switch (type.type()) {
            case DATE -> {
                BinaryFormatException.expectLength(length, 4, "date");
                return daysToDate(in.readInt());
            }
            case TIME -> {
                BinaryFormatException.expectLength(length, 8, "time");
                long micros = in.readLong();
                if (micros < 0 || micros > MICROS_PER_DAY) throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "time out of range");
                return micros == MICROS_PER_DAY ? LocalTime.MAX : LocalTime.ofNanoOfDay(micros * 1000);
            }
            case TIMESTAMP -> {
                BinaryFormatException.expectLength(length, 8, "timestamp");
                return microsToTimestamp(in.readLong());
            }
            case TIMESTAMPTZ -> {
                BinaryFormatException.expectLength(length, 8, "timestamptz");
                return microsToTimestamptz(in.readLong());
            }
            default -> throw new IllegalArgumentException(type.toString());
        }
    }

    static int dateToDays(LocalDate date) {
        if (date.equals(LocalDate.MAX)) return Integer.MAX_VALUE;
        if (date.equals(LocalDate.MIN)) return Integer.MIN_VALUE;
        return Math.toIntExact(date.toEpochDay() - POSTGRES_EPOCH_DAY);
    }

    static LocalDate daysToDate(int days) {
        if (days == Integer.MAX_VALUE) return LocalDate.MAX;
        if (days == Integer.MIN_VALUE) return LocalDate.MIN;
        return LocalDate.ofEpochDay(days + POSTGRES_EPOCH_DAY);
    }

    static long timestampToMicros(LocalDateTime t) {
        if (t.equals(LocalDateTime.MAX)) return Long.MAX_VALUE;
        if (t.equals(LocalDateTime.MIN)) return Long.MIN_VALUE;
        return toMicros(t.toEpochSecond(ZoneOffset.UTC), t.getNano());
    }

    static LocalDateTime microsToTimestamp(long micros) {
        if (micros == Long.MAX_VALUE) return LocalDateTime.MAX;
        if (micros == Long.MIN_VALUE) return LocalDateTime.MIN;
        long seconds = Math.floorDiv(micros, 1_000_000L) + POSTGRES_EPOCH_SECOND;
        int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
        return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
    }

    static long timestamptzToMicros(Object value) {
        if (value instanceof OffsetDateTime t) {
            if (t.equals(OffsetDateTime.MAX)) return Long.MAX_VALUE;
            if (t.equals(OffsetDateTime.MIN)) return Long.MIN_VALUE;
            return toMicros(t.toEpochSecond(), t.getNano());
        }
        Instant instant = (Instant) value;
        return toMicros(instant.getEpochSecond(), instant.getNano());
    }

    static OffsetDateTime microsToTimestamptz(long micros) {
        if (micros == Long.MAX_VALUE) return OffsetDateTime.MAX;
        if (micros == Long.MIN_VALUE) return OffsetDateTime.MIN;
        long seconds = Math.floorDiv(micros, 1_000_000L) + POSTGRES_EPOCH_SECOND;
        int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds, nanos), ZoneOffset.UTC);
    }

    private static long toMicros(long epochSecond, int nanos) {
        try {
            return Math.addExact(Math.multiplyExact(epochSecond - POSTGRES_EPOCH_SECOND, 1_000_000L), nanos / 1000);
        } catch (ArithmeticException e) {
            throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        }
    }
}
