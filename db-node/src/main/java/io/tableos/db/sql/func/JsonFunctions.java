package io.tableos.db.sql.func;

import static io.tableos.db.sql.func.FunctionRegistry.fixed;
import static io.tableos.db.sql.func.FunctionRegistry.lenient;
import static io.tableos.db.sql.func.FunctionRegistry.strict;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import io.tableos.db.types.TextFormat;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * json/jsonb functions and operators. Values travel as text (the SqlType representation of
 * json and jsonb is String) and are parsed with {@link Json} per call.
 */
public final class JsonFunctions {
    private JsonFunctions() {}

    static void register(Map<String, FunctionRegistry.Resolver> r) {
        r.put("json_build_object", t -> t.size() % 2 != 0 ? null : lenient(DataType.JSON, (a, c) -> jsonObjectText(a, t)));
        r.put("jsonb_build_object", t -> t.size() % 2 != 0 ? null : lenient(DataType.JSONB, (a, c) -> Json.write(Json.toJsonb(buildObject(a)))));
        r.put("json_build_array", t -> lenient(DataType.JSON, (a, c) -> Json.write(buildArray(a))));
        r.put("jsonb_build_array", t -> lenient(DataType.JSONB, (a, c) -> Json.write(Json.toJsonb(buildArray(a)))));
        fixed(r, "to_json", 1, 1, strict(DataType.JSON, (a, c) -> Json.write(toJsonValue(a[0]))));
        fixed(r, "to_jsonb", 1, 1, strict(DataType.JSONB, (a, c) -> Json.write(Json.toJsonb(toJsonValue(a[0])))));
        fixed(r, "json_typeof", 1, 1, strict(DataType.TEXT, (a, c) -> Json.typeOf(Json.parse(Args.text(a[0]), "json"))));
        fixed(r, "jsonb_typeof", 1, 1, strict(DataType.TEXT, (a, c) -> Json.typeOf(Json.parse(Args.text(a[0]), "jsonb"))));
        fixed(r, "jsonb_array_length", 1, 1, strict(DataType.INT4, (a, c) -> arrayLength(Args.text(a[0]))));
        fixed(r, "json_array_length", 1, 1, strict(DataType.INT4, (a, c) -> arrayLength(Args.text(a[0]))));
        fixed(r, "jsonb_pretty", 1, 1, strict(DataType.TEXT, (a, c) -> Args.text(a[0])));
    }

    private static Map<String, Object> buildObject(Object[] a) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < a.length; i += 2) {
            if (a[i] == null) throw FuncErrors.invalidParameter("null value not allowed for object key");
            String key = Args.text(a[i]);
            m.remove(key);
            m.put(key, toJsonValue(a[i + 1]));
        }
        return m;
    }

    /**
     * json_build_object's text as PostgreSQL writes it: {@code "key" : value} pairs separated by
     * {@code ", "}, a json or jsonb argument embedded as written (its own spacing kept), a json[]
     * argument as an array of its elements.
     */
    private static String jsonObjectText(Object[] a, List<DataType> types) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i + 1 < a.length; i += 2) {
            if (a[i] == null) throw FuncErrors.invalidParameter("null value not allowed for object key");
            if (i > 0) out.append(", ");
            Json.writeString(Args.text(a[i]), out);
            out.append(" : ");
            DataType type = types.get(i + 1);
            Object v = a[i + 1];
            if (v != null && (type.type() == SqlType.JSON || type.type() == SqlType.JSONB)) {
                out.append(Args.text(v));
            } else if (v instanceof SqlArray array && type.type() == SqlType.ARRAY
                    && (type.element() == SqlType.JSON || type.element() == SqlType.JSONB)) {
                out.append('[');
                for (int e = 0; e < array.elements().length; e++) {
                    if (e > 0) out.append(',');
                    out.append(array.elements()[e] == null ? "null" : Args.text(array.elements()[e]));
                }
                out.append(']');
            } else {
                out.append(Json.write(toJsonValue(v)));
            }
        }
        return out.append('}').toString();
    }

    private static List<Object> buildArray(Object[] a) {
        List<Object> l = new ArrayList<>(a.length);
        for (Object v : a) l.add(toJsonValue(v));
        return l;
    }

    private static int arrayLength(String json) {
        Object v = Json.parse(json, "jsonb");
        if (!(v instanceof List<?> l)) throw FuncErrors.invalidParameter("cannot get array length of a non-array");
        return l.size();
    }

    /**
     * A SQL value as a JSON value: numbers stay numbers, booleans booleans, arrays arrays,
     * anything else its text form as a string. A String is text, not JSON — callers holding
     * json/jsonb text parse it themselves.
     */
    public static Object toJsonValue(Object v) {
        if (v == null) return Json.NULL;
        if (v instanceof Boolean) return v;
        if (v instanceof Integer || v instanceof Long || v instanceof Short) return BigDecimal.valueOf(((Number) v).longValue());
        if (v instanceof BigDecimal) return v;
        if (v instanceof Double d && !d.isNaN() && !d.isInfinite()) return new BigDecimal(TextFormat.format(d, DataType.FLOAT8));
        if (v instanceof SqlArray a) {
            List<Object> l = new ArrayList<>(a.elements().length);
            for (Object e : a.elements()) l.add(a.elementType() == SqlType.JSON || a.elementType() == SqlType.JSONB
                    ? (e == null ? Json.NULL : Json.parse((String) e, "json")) : toJsonValue(e));
            return l;
        }
        if (v instanceof String s) return s;
        String text = TextFormat.format(v, Casts.typeOfValue(v));
        if (v instanceof java.time.LocalDateTime || v instanceof java.time.OffsetDateTime) {
            text = text.replace(' ', 'T').replace("+00", "+00:00"); // to_json uses ISO 8601 for timestamps
        }
        return text;
    }

    /** A json/jsonb typed value (text) as a JSON value. */
    public static Object parseJson(Object jsonText) {
        return jsonText == null ? null : Json.parse(Args.text(jsonText), "json");
    }

    // ----------------------------------------------------------- operators on json text

    /** {@code ->}: object field by name or array element by index (negative counts from the end); null when absent. */
    public static String get(Object json, Object key, boolean jsonb) {
        Object v = child(parseJson(json), key);
        if (v == null) return null;
        return Json.write(jsonb ? Json.toJsonb(v) : v);
    }

    /** {@code ->>}: like {@link #get} but a string comes out unquoted and JSON null as SQL NULL. */
    public static String getText(Object json, Object key) {
        return asText(child(parseJson(json), key));
    }

    /** {@code #>}: follow a path given as a text array ({@code '{a,0,b}'}). */
    public static String getPath(Object json, Object path, boolean jsonb) {
        Object v = walk(parseJson(json), path);
        return v == null ? null : Json.write(jsonb ? Json.toJsonb(v) : v);
    }

    /** {@code #>>}. */
    public static String getPathText(Object json, Object path) {
        return asText(walk(parseJson(json), path));
    }

    /** {@code @>}: jsonb containment. */
    public static Boolean contains(Object json, Object other) {
        if (json == null || other == null) return null;
        return contains(parseJson(json), parseJson(other), true);
    }

    /** {@code ?}: is the string a top-level key, or an element of a top-level array. */
    public static Boolean hasKey(Object json, Object key) {
        if (json == null || key == null) return null;
        Object v = parseJson(json);
        String k = Args.text(key);
        if (v instanceof Map<?, ?> m) return m.containsKey(k);
        if (v instanceof List<?> l) return l.contains(k);
        return v instanceof String s && s.equals(k);
    }

    private static Object walk(Object v, Object path) {
        if (v == null || path == null) return null;
        SqlArray keys = path instanceof SqlArray a ? a : (SqlArray) TextFormat.parse(Args.text(path), DataType.arrayOf(SqlType.TEXT));
        for (Object k : keys.elements()) {
            if (k == null) return null;
            v = child(v, k);
            if (v == null) return null;
        }
        return v;
    }

    private static Object child(Object v, Object key) {
        if (v == null || key == null) return null;
        if (v instanceof Map<?, ?> m) return key instanceof Number ? null : m.get(Args.text(key));
        if (v instanceof List<?> l) {
            long index;
            if (key instanceof Number n) index = n.longValue();
            else {
                try {
                    index = Long.parseLong(Args.text(key).strip());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            if (index < 0) index += l.size();
            return index >= 0 && index < l.size() ? l.get((int) index) : null;
        }
        return null;
    }

    private static String asText(Object v) {
        if (v == null || v == Json.NULL) return null;
        if (v instanceof String s) return s;
        return Json.write(v);
    }

    private static boolean contains(Object a, Object b, boolean top) {
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            for (Map.Entry<?, ?> e : y.entrySet()) {
                if (!x.containsKey(e.getKey()) || !contains(x.get(e.getKey()), e.getValue(), false)) return false;
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            for (Object want : y) {
                boolean found = false;
                for (Object have : x) if (contains(have, want, false)) { found = true; break; }
                if (!found) return false;
            }
            return true;
        }
        if (top && a instanceof List<?> x && !(b instanceof Map) && !(b instanceof List)) {
            for (Object have : x) if (scalarEquals(have, b)) return true;
            return false;
        }
        return scalarEquals(a, b);
    }

    private static boolean scalarEquals(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) return x.compareTo(y) == 0;
        if (a == Json.NULL || b == Json.NULL) return a == b;
        return a != null && a.equals(b);
    }

    static DbException notJson() {
        return new DbException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type json");
    }
}
