package io.tableos.db.sql.func;

import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small JSON reader and writer. Values: {@code Map<String,Object>} (objects, insertion
 * ordered), {@code List<Object>}, String, BigDecimal, Boolean, and {@link #NULL} for JSON null
 * (Java null stays SQL NULL). jsonb text is written as PostgreSQL prints it: {@code ": "} and
 * {@code ", "} separators, object keys ordered by length then bytes, the last duplicate wins.
 * Nesting is limited to {@link #DEPTH_MAX} levels (54001 beyond, as PostgreSQL's stack check).
 */
public final class Json {
    private Json() {}

    /** JSON null, distinct from SQL NULL. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    public static final int DEPTH_MAX = 1000;

    public static Object parse(String text, String typeName) {
        Reader r = new Reader(text, typeName);
        r.skipBlanks();
        Object v = r.value(0);
        r.skipBlanks();
        if (r.i != text.length()) throw r.error();
        return v;
    }

    /** Re-prints JSON text the way jsonb stores it. */
    public static String normalizeJsonb(String text) {
        return write(toJsonb(parse(text, "json")));
    }

    /** Orders object keys as jsonb does (shorter first, then bytewise); used before writing jsonb. */
    @SuppressWarnings("unchecked")
    public static Object toJsonb(Object v) {
        if (v instanceof Map<?, ?> m) {
            TreeMap<String, Object> sorted = new TreeMap<>(Json::compareKeys);
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) sorted.put(e.getKey(), toJsonb(e.getValue()));
            return new LinkedHashMap<>(sorted);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) out.add(toJsonb(o));
            return out;
        }
        return v;
    }

    /**
     * PostgreSQL's {@code jsonb || jsonb}: two objects merge (the right side's keys win), anything else
     * concatenates as arrays (a non-array side counts as a one-element array).
     */
    @SuppressWarnings("unchecked")
    public static String concatJsonb(Object left, Object right) {
        Object a = parse(left.toString(), "jsonb");
        Object b = parse(right.toString(), "jsonb");
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) x);
            merged.putAll((Map<String, Object>) y);
            return write(toJsonb(merged));
        }
        List<Object> items = new ArrayList<>();
        if (a instanceof List<?> l) items.addAll(l); else items.add(a);
        if (b instanceof List<?> l) items.addAll(l); else items.add(b);
        return write(toJsonb(items));
    }

    private static int compareKeys(String a, String b) {
        if (a.length() != b.length()) return Integer.compare(a.length(), b.length());
        return Operators.compareStrings(a, b);
    }

    public static String write(Object v) {
        StringBuilder out = new StringBuilder();
        write(v, out);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    static void write(Object v, StringBuilder out) {
        if (v == null || v == NULL) {
            out.append("null");
        } else if (v instanceof String s) {
            writeString(s, out);
        } else if (v instanceof BigDecimal d) {
            out.append(d.toPlainString());
        } else if (v instanceof Boolean || v instanceof Number) {
            out.append(v);
        } else if (v instanceof Map<?, ?> m) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                if (!first) out.append(", ");
                first = false;
                writeString(e.getKey(), out);
                out.append(": ");
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (v instanceof List<?> l) {
            out.append('[');
            for (int k = 0; k < l.size(); k++) {
                if (k > 0) out.append(", ");
                write(l.get(k), out);
            }
            out.append(']');
        } else {
            writeString(v.toString(), out);
        }
    }

    public static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00");
                        out.append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** The JSON type name as json_typeof reports it. */
    public static String typeOf(Object v) {
        if (v == null || v == NULL) return "null";
        if (v instanceof Map) return "object";
        if (v instanceof List) return "array";
        if (v instanceof String) return "string";
        if (v instanceof Boolean) return "boolean";
        return "number";
    }

    private static final class Reader {
        private final String s;
        private final String typeName;
        int i;

        Reader(String s, String typeName) {
            this.s = s;
            this.typeName = typeName;
        }

        DbException error() {
            return new DbException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type " + typeName);
        }

        void skipBlanks() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r')) i++;
        }

        Object value(int depth) {
            if (depth > DEPTH_MAX) throw new DbException("54001", "stack depth limit exceeded");
            if (i >= s.length()) throw error();
            char c = s.charAt(i);
            switch (c) {
                case '{': return object(depth);
                case '[': return array(depth);
                case '"': return string();
                case 't': return literal("true", Boolean.TRUE);
                case 'f': return literal("false", Boolean.FALSE);
                case 'n': return literal("null", NULL);
                default: return number();
            }
        }

        private Object object(int depth) {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            skipBlanks();
            if (i < s.length() && s.charAt(i) == '}') {
                i++;
                return m;
            }
            while (true) {
                skipBlanks();
                if (i >= s.length() || s.charAt(i) != '"') throw error();
                String key = string();
                skipBlanks();
                if (i >= s.length() || s.charAt(i) != ':') throw error();
                i++;
                skipBlanks();
                m.remove(key); // last duplicate wins, and takes the last position
                m.put(key, value(depth + 1));
                skipBlanks();
                if (i >= s.length()) throw error();
                char c = s.charAt(i++);
                if (c == '}') return m;
                if (c != ',') throw error();
            }
        }

        private Object array(int depth) {
            List<Object> l = new ArrayList<>();
            i++;
            skipBlanks();
            if (i < s.length() && s.charAt(i) == ']') {
                i++;
                return l;
            }
            while (true) {
                skipBlanks();
                l.add(value(depth + 1));
                skipBlanks();
                if (i >= s.length()) throw error();
                char c = s.charAt(i++);
                if (c == ']') return l;
                if (c != ',') throw error();
            }
        }

        private String string() {
            StringBuilder out = new StringBuilder();
            i++;
            while (true) {
                if (i >= s.length()) throw error();
                char c = s.charAt(i++);
                if (c == '"') return out.toString();
                if (c < 0x20) throw error();
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (i >= s.length()) throw error();
                char e = s.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (i + 4 > s.length()) throw error();
                        try {
                            out.append((char) Integer.parseInt(s, i, i + 4, 16));
                        } catch (NumberFormatException ex) {
                            throw error();
                        }
                        i += 4;
                    }
                    default -> throw error();
                }
            }
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, i)) throw error();
            i += word.length();
            return value;
        }

        private Object number() {
            int start = i;
            if (i < s.length() && s.charAt(i) == '-') i++;
            while (i < s.length() && "0123456789.eE+-".indexOf(s.charAt(i)) >= 0) i++;
            if (start == i) throw error();
            try {
                return new BigDecimal(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw error();
            }
        }
    }
}
