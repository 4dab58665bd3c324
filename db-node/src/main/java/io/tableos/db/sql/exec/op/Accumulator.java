package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.Limits;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.sql.func.Json;
import io.tableos.db.sql.func.JsonFunctions;
import io.tableos.db.sql.func.Operators;
import io.tableos.db.types.DataType;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The running state of one aggregate in one group. */
final class Accumulator {
    private final AggregateSpec spec;
    private final Set<HashKey> seen;
    private long count;
    private Object value;
    /** For string_agg/array_agg: argument tuples, sorted at the end when the call has ORDER BY. */
    private List<Object[]> collected;

    Accumulator(AggregateSpec spec) {
        this.spec = spec;
        this.seen = spec.distinct() ? new HashSet<>() : null;
    }

    void add(Object[] args, Object[] sortValues) {
        AggregateSpec.Kind kind = spec.kind();
        if (kind == AggregateSpec.Kind.COUNT_STAR) {
            count++;
            return;
        }
        Object v = args[0];
        if (v == null && !collectsNulls(kind)) return;
        if (seen != null && !seen.add(new HashKey(args))) return;
        switch (kind) {
            case COUNT -> count++;
            case SUM, AVG -> {
                count++;
                value = value == null ? widen(v) : Operators.add(value, widen(v));
            }
            case MIN -> { if (value == null || Operators.compare(v, value) < 0) value = v; }
            case MAX -> { if (value == null || Operators.compare(v, value) > 0) value = v; }
            case BOOL_AND -> value = value == null ? v : (Boolean) value && (Boolean) v;
            case BOOL_OR -> value = value == null ? v : (Boolean) value || (Boolean) v;
            case STRING_AGG, ARRAY_AGG, JSON_AGG, JSONB_AGG -> {
                if (collected == null) collected = new ArrayList<>();
                Limits.check(collected.size() + 1, Limits.AGGREGATE_VALUES_MAX, spec.kind().name().toLowerCase());
                Object[] entry = new Object[1 + args.length + (sortValues == null ? 0 : sortValues.length)];
                System.arraycopy(args, 0, entry, 0, args.length);
                if (sortValues != null) System.arraycopy(sortValues, 0, entry, args.length, sortValues.length);
                collected.add(entry);
            }
            default -> throw new IllegalStateException();
        }
    }

    /** array_agg and json_agg keep NULL inputs as NULL elements; every other aggregate skips them. */
    private static boolean collectsNulls(AggregateSpec.Kind kind) {
        return kind == AggregateSpec.Kind.ARRAY_AGG || kind == AggregateSpec.Kind.JSON_AGG || kind == AggregateSpec.Kind.JSONB_AGG;
    }

    /** Sums are exact: integers add as long (overflow becomes numeric in result cast), others by their type. */
    private Object widen(Object v) {
        if (v instanceof Integer || v instanceof Short) return ((Number) v).longValue();
        if (v instanceof Long l && spec.type().type() == SqlType.NUMERIC) return BigDecimal.valueOf(l);
        return v;
    }

    Object result() {
        switch (spec.kind()) {
            case COUNT_STAR, COUNT:
                return count;
            case SUM:
                return value == null ? null : Casts.cast(value, spec.type());
            case AVG: {
                if (value == null) return null;
                if (spec.type().type() == SqlType.FLOAT8) return ((Number) value).doubleValue() / count;
                BigDecimal sum = value instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) value).longValue());
                return sum.divide(BigDecimal.valueOf(count), Math.max(16, sum.scale()), java.math.RoundingMode.HALF_UP);
            }
            case STRING_AGG:
            case ARRAY_AGG:
            case JSON_AGG:
            case JSONB_AGG:
                return collectedResult();
            default:
                return value;
        }
    }

    private Object collectedResult() {
        if (collected == null) return null;
        List<SortKey> orderBy = spec.orderBy();
        int argCount = spec.args().size();
        if (orderBy != null && !orderBy.isEmpty()) {
            collected.sort((x, y) -> {
                for (int i = 0; i < orderBy.size(); i++) {
                    int c = orderBy.get(i).compare(x[argCount + i], y[argCount + i]);
                    if (c != 0) return c;
                }
                return 0;
            });
        }
        if (spec.kind() == AggregateSpec.Kind.ARRAY_AGG) {
            Object[] values = new Object[collected.size()];
            for (int i = 0; i < values.length; i++) values[i] = collected.get(i)[0];
            return new SqlArray(spec.type().element(), values);
        }
        if (spec.kind() == AggregateSpec.Kind.JSON_AGG || spec.kind() == AggregateSpec.Kind.JSONB_AGG) return jsonArray();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < collected.size(); i++) {
            Object[] e = collected.get(i);
            if (i > 0 && e[1] != null) sb.append(e[1]);
            sb.append(Casts.cast(e[0], DataType.TEXT));
        }
        return sb.toString();
    }

    /** json_agg / jsonb_agg: the collected values as one JSON array (json and jsonb inputs as the documents they hold). */
    private String jsonArray() {
        boolean jsonInput = spec.args().get(0).type().type() == SqlType.JSON || spec.args().get(0).type().type() == SqlType.JSONB;
        List<Object> elements = new ArrayList<>(collected.size());
        for (Object[] e : collected) {
            Object v = e[0];
            elements.add(v == null ? Json.NULL : jsonInput ? Json.parse((String) v, "json") : JsonFunctions.toJsonValue(v));
        }
        return Json.write(spec.kind() == AggregateSpec.Kind.JSONB_AGG ? Json.toJsonb(elements) : elements);
    }
}
