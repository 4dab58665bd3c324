package io.tableos.db.sql.exec.standin;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.Interval;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** Stand-in for io.tableos.db.types.TextFormat (PostgreSQL text representation). */
public final class TextFormat {
    private TextFormat() {}

    private static final DateTimeFormatter TS = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss").optionalStart()
            .appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true).optionalEnd().toFormatter();

    public static String format(Object v, DataType type) {
        if (v == null) return null;
        if (v instanceof Boolean b) return b ? "t" : "f";
        if (v instanceof byte[] bytes) return "\\x" + HexFormat.of().formatHex(bytes);
        if (v instanceof BigDecimal d) return d.toPlainString();
        if (v instanceof Double d) return formatDouble(d);
        if (v instanceof Float f) return formatDouble(f.doubleValue());
        if (v instanceof LocalDateTime t) return TS.format(t);
        if (v instanceof OffsetDateTime t) return TS.format(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()) + "+00";
        if (v instanceof Interval i) return formatInterval(i);
        if (v instanceof SqlArray a) {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < a.elements().length; i++) {
                if (i > 0) sb.append(',');
                Object e = a.elements()[i];
                String s = format(e, DataType.of(a.elementType()));
                if (s == null) sb.append("NULL");
                else if (e instanceof String) sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                else sb.append(s);
            }
            return sb.append('}').toString();
        }
        return v.toString();
    }

    private static String formatDouble(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return Double.toString(d);
    }

    private static String formatInterval(Interval i) {
        StringBuilder sb = new StringBuilder();
        if (i.months() != 0) sb.append(i.months() / 12 != 0 ? (i.months() / 12) + " years " : "").append(i.months() % 12 != 0 ? (i.months() % 12) + " mons " : "");
        if (i.days() != 0) sb.append(i.days()).append(i.days() == 1 ? " day " : " days ");
        long s = i.micros() / 1_000_000;
        if (i.micros() != 0 || sb.length() == 0) sb.append(String.format("%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60));
        return sb.toString().trim();
    }

    public static Object parse(String text, DataType type) {
        if (text == null) return null;
        String t = text.trim();
        try {
            return switch (type.type()) {
                case BOOL -> parseBool(t);
                case INT2 -> Short.parseShort(t);
                case INT4 -> Integer.parseInt(t);
                case INT8, OID -> Long.parseLong(t);
                case FLOAT4 -> Float.parseFloat(t);
                case FLOAT8 -> Double.parseDouble(t);
                case NUMERIC -> new BigDecimal(t);
                case DATE -> LocalDate.parse(t);
                case TIMESTAMP -> LocalDateTime.parse(t.replace('T', ' '), TS);
                case TIMESTAMPTZ -> parseTimestamptz(t);
                case UUID -> UUID.fromString(t);
                case BYTEA -> t.startsWith("\\x") ? HexFormat.of().parseHex(t.substring(2)) : t.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                case ARRAY -> parseArray(t, type.element());
                case INTERVAL -> parseInterval(t);
                default -> text;
            };
        } catch (DbException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DbException(SqlState.INVALID_TEXT_REPRESENTATION,
                    "invalid input syntax for type " + type.sqlName() + ": \"" + text + "\"");
        }
    }

    private static Boolean parseBool(String t) {
        return switch (t.toLowerCase()) {
            case "t", "true", "yes", "on", "1", "y" -> Boolean.TRUE;
            case "f", "false", "no", "off", "0", "n" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException();
        };
    }

    private static OffsetDateTime parseTimestamptz(String t) {
        String s = t.replace('T', ' ');
        int plus = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
        if (s.endsWith("Z")) return LocalDateTime.parse(s.substring(0, s.length() - 1), TS).atOffset(ZoneOffset.UTC);
        if (plus > 10) {
            String off = s.substring(plus);
            if (off.length() == 3) off = off + ":00";
            return LocalDateTime.parse(s.substring(0, plus).trim(), TS).atOffset(ZoneOffset.of(off)).withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (s.length() == 10) return LocalDate.parse(s).atStartOfDay().atOffset(ZoneOffset.UTC);
        return LocalDateTime.parse(s, TS).atOffset(ZoneOffset.UTC);
    }

    private static Interval parseInterval(String t) {
        String[] parts = t.trim().split("\\s+");
        int months = 0, days = 0;
        long micros = 0;
        for (int i = 0; i + 1 < parts.length; i += 2) {
            long n = Long.parseLong(parts[i]);
            String unit = parts[i + 1].toLowerCase();
            if (unit.startsWith("year")) months += 12 * n;
            else if (unit.startsWith("mon")) months += n;
            else if (unit.startsWith("week")) days += 7 * n;
            else if (unit.startsWith("day")) days += n;
            else if (unit.startsWith("hour")) micros += n * 3_600_000_000L;
            else if (unit.startsWith("min")) micros += n * 60_000_000L;
            else if (unit.startsWith("sec")) micros += n * 1_000_000L;
            else throw new IllegalArgumentException();
        }
        return new Interval(months, days, micros);
    }

    private static SqlArray parseArray(String t, SqlType element) {
        if (!t.startsWith("{") || !t.endsWith("}")) throw new IllegalArgumentException();
        String body = t.substring(1, t.length() - 1);
        List<Object> out = new ArrayList<>();
        if (!body.isBlank()) {
            StringBuilder cur = new StringBuilder();
            boolean quoted = false, wasQuoted = false;
            for (int i = 0; i <= body.length(); i++) {
                char c = i < body.length() ? body.charAt(i) : ',';
                if (quoted) {
                    if (c == '\\') cur.append(body.charAt(++i));
                    else if (c == '"') quoted = false;
                    else cur.append(c);
                } else if (c == '"') {
                    quoted = true;
                    wasQuoted = true;
                } else if (c == ',') {
                    String s = cur.toString().trim();
                    out.add(!wasQuoted && s.equalsIgnoreCase("NULL") ? null : parse(s, DataType.of(element)));
                    cur.setLength(0);
                    wasQuoted = false;
                } else cur.append(c);
            }
        }
        return new SqlArray(element, out.toArray());
    }
}
