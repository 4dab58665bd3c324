package io.tableos.db.sql.func;

import static io.tableos.db.sql.func.FunctionRegistry.lenient;
import static io.tableos.db.sql.func.FunctionRegistry.strict;

import io.tableos.db.types.DataType;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One-dimensional array functions; dimension arguments other than 1 give NULL, as for a missing dimension. */
final class ArrayFunctions {
    private ArrayFunctions() {}

    static void register(Map<String, FunctionRegistry.Resolver> r) {
        r.put("array_length", t -> t.size() != 2 ? null : strict(DataType.INT4, (a, c) -> {
            SqlArray x = array(a[0]);
            return Args.intValue(a[1]) == 1 && x.elements().length > 0 ? x.elements().length : null;
        }));
        r.put("array_upper", t -> t.size() != 2 ? null : strict(DataType.INT4, (a, c) -> {
            SqlArray x = array(a[0]);
            return Args.intValue(a[1]) == 1 && x.elements().length > 0 ? x.elements().length : null;
        }));
        r.put("array_lower", t -> t.size() != 2 ? null : strict(DataType.INT4,
                (a, c) -> Args.intValue(a[1]) == 1 && array(a[0]).elements().length > 0 ? 1 : null));
        r.put("array_ndims", t -> t.size() != 1 ? null : strict(DataType.INT4, (a, c) -> array(a[0]).elements().length > 0 ? 1 : null));
        r.put("cardinality", t -> t.size() != 1 ? null : strict(DataType.INT4, (a, c) -> array(a[0]).elements().length));
        r.put("array_position", t -> t.size() != 2 && t.size() != 3 ? null : lenient(DataType.INT4, (a, c) -> {
            if (a[0] == null) return null;
            Object[] e = array(a[0]).elements();
            int from = a.length > 2 && a[2] != null ? Args.intValue(a[2]) : 1;
            for (int i = Math.max(from, 1) - 1; i < e.length; i++) {
                if (a[1] == null ? e[i] == null : e[i] != null && Operators.compare(e[i], a[1]) == 0) return i + 1;
            }
            return null;
        }));
        r.put("array_to_string", t -> t.size() != 2 && t.size() != 3 ? null : lenient(DataType.TEXT, (a, c) -> {
            if (a[0] == null || a[1] == null) return null;
            StringBuilder out = new StringBuilder();
            boolean first = true;
            for (Object e : array(a[0]).elements()) {
                if (e == null && (a.length < 3 || a[2] == null)) continue;
                if (!first) out.append(Args.text(a[1]));
                first = false;
                out.append(e == null ? Args.text(a[2]) : Args.text(e));
            }
            return out.toString();
        }));
        r.put("string_to_array", t -> t.size() != 2 && t.size() != 3 ? null : lenient(DataType.arrayOf(SqlType.TEXT), (a, c) -> {
            if (a[0] == null) return null;
            String s = Args.text(a[0]);
            String nullString = a.length > 2 ? Args.text(a[2]) : null;
            List<Object> out = new ArrayList<>();
            if (s.isEmpty()) return new SqlArray(SqlType.TEXT, new Object[0]);
            if (a[1] == null) {
                s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
            } else {
                String d = Args.text(a[1]);
                if (d.isEmpty()) out.add(s);
                else {
                    int at = 0;
                    while (true) {
                        int next = s.indexOf(d, at);
                        out.add(s.substring(at, next < 0 ? s.length() : next));
                        if (next < 0) break;
                        at = next + d.length();
                    }
                }
            }
            out.replaceAll(e -> e != null && e.equals(nullString) ? null : e);
            return new SqlArray(SqlType.TEXT, out.toArray());
        }));
        r.put("array_append", t -> t.size() != 2 ? null : lenient(t.get(0), (a, c) -> a[0] == null
                ? new SqlArray(Casts.typeOfValue(a[1]).type(), new Object[] {a[1]}) : Operators.concatValues(a[0], new SqlArray(array(a[0]).elementType(), new Object[] {a[1]}))));
        r.put("array_prepend", t -> t.size() != 2 ? null : lenient(t.get(1), (a, c) -> a[1] == null
                ? new SqlArray(Casts.typeOfValue(a[0]).type(), new Object[] {a[0]}) : Operators.concatValues(new SqlArray(array(a[1]).elementType(), new Object[] {a[0]}), a[1])));
        r.put("array_cat", t -> t.size() != 2 ? null : lenient(t.get(0).type() == SqlType.ARRAY ? t.get(0) : t.get(1),
                (a, c) -> Operators.concatValues(a[0], a[1])));
    }

    private static SqlArray array(Object v) {
        if (v instanceof SqlArray a) return a;
        return (SqlArray) Casts.cast(v, DataType.arrayOf(SqlType.TEXT));
    }
}
