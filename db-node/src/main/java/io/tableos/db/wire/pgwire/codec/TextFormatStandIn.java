package io.tableos.db.wire.pgwire.codec;

import io.tableos.db.types.DataType;
import io.tableos.db.types.Interval;
import io.tableos.db.types.SqlArray;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** TEMPORARY stand-in for types.TextFormat.format until the SQL-FRONT helper's version lands. */
final class TextFormatStandIn {
    private TextFormatStandIn() {}

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    static String format(Object value, DataType type) {
        if (value == null) return null;
        if (value instanceof Boolean b) return b ? "t" : "f";
        if (value instanceof byte[] bytes) return "\\x" + HexFormat.of().formatHex(bytes);
        if (value instanceof LocalDateTime t) return TIMESTAMP.format(t);
        if (value instanceof OffsetDateTime t) return TIMESTAMP.format(t) + "+00";
        if (value instanceof Interval i) return i.months() + " mons " + i.days() + " days " + i.micros() + " us";
        if (value instanceof SqlArray a) {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < a.elements().length; i++) {
                if (i > 0) sb.append(',');
                Object e = a.elements()[i];
                sb.append(e == null ? "NULL" : '"' + format(e, DataType.of(a.elementType())).replace("\\", "\\\\").replace("\"", "\\\"") + '"');
            }
            return sb.append('}').toString();
        }
        return value.toString();
    }
}
