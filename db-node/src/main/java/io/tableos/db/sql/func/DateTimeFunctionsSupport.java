package io.tableos.db.sql.func;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.TextFormat;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Reading untyped timestamp literals: with an offset they are instants, without one local (UTC) times. */
final class DateTimeFunctionsSupport {
    private DateTimeFunctionsSupport() {}

    static LocalDateTime parseLenient(String s) {
        try {
            return ((OffsetDateTime) TextFormat.parse(s, DataType.TIMESTAMPTZ)).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } catch (DbException e) {
            return (LocalDateTime) TextFormat.parse(s, DataType.TIMESTAMP);
        }
    }
}
