package io.tableos.db.sql.exec.standin;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/** Stand-in for io.tableos.db.sql.func.FunctionRegistry: a handful of functions. */
public final class FunctionRegistry {
    private FunctionRegistry() {}

    private static ScalarFunction fn(DataType type, boolean volatileResult, BiFunction<Object[], FunctionContext, Object> body) {
        return new ScalarFunction() {
            public DataType returnType() { return type; }
            public Object call(Object[] args, FunctionContext ctx) { return body.apply(args, ctx); }
            public boolean volatileResult() { return volatileResult; }
        };
    }

    private static ScalarFunction strict(DataType type, java.util.function.Function<Object[], Object> body) {
        return fn(type, false, (a, c) -> {
            for (Object o : a) if (o == null) return null;
            return body.apply(a);
        });
    }

    public static ScalarFunction lookup(String name, List<DataType> argTypes) {
        DataType first = argTypes.isEmpty() ? DataType.UNKNOWN : argTypes.get(0);
        return switch (name) {
            case "now", "current_timestamp", "transaction_timestamp" -> fn(DataType.TIMESTAMPTZ, false, (a, c) -> c.transactionTimestamp());
            case "clock_timestamp", "statement_timestamp" -> fn(DataType.TIMESTAMPTZ, true, (a, c) -> OffsetDateTime.now(java.time.ZoneOffset.UTC));
            case "current_date" -> fn(DataType.DATE, false, (a, c) -> c.transactionTimestamp().toLocalDate());
            case "lower" -> strict(DataType.TEXT, a -> ((String) a[0]).toLowerCase());
            case "upper" -> strict(DataType.TEXT, a -> ((String) a[0]).toUpperCase());
            case "length", "char_length" -> strict(DataType.INT4, a -> ((String) a[0]).length());
            case "abs" -> strict(first, a -> a[0] instanceof Integer i ? (Object) Math.abs(i) : a[0] instanceof Long l ? (Object) Math.abs(l)
                    : a[0] instanceof BigDecimal d ? d.abs() : (Object) Math.abs(((Number) a[0]).doubleValue()));
            case "round" -> strict(first.type().isInteger() ? DataType.NUMERIC : first, a -> a[0] instanceof Double d ? (Object) (double) Math.round(d)
                    : new BigDecimal(a[0].toString()).setScale(a.length > 1 ? ((Number) a[1]).intValue() : 0, RoundingMode.HALF_UP));
            case "concat" -> fn(DataType.TEXT, false, (a, c) -> java.util.Arrays.stream(a).filter(o -> o != null).map(o -> TextFormat.format(o, Casts.typeOfValue(o))).collect(Collectors.joining()));
            case "substr", "substring" -> strict(DataType.TEXT, a -> {
                String s = (String) a[0];
                int from = Math.max(((Number) a[1]).intValue() - 1, 0);
                int to = a.length > 2 ? Math.min(s.length(), ((Number) a[1]).intValue() - 1 + ((Number) a[2]).intValue()) : s.length();
                return from >= s.length() || to <= from ? "" : s.substring(from, to);
            });
            case "greatest", "least" -> fn(first, false, (a, c) -> {
                Object best = null;
                for (Object o : a) if (o != null && (best == null || (Operators.compare(o, best) > 0) == name.equals("greatest"))) best = o;
                return best;
            });
            case "array_length", "cardinality" -> strict(DataType.INT4, a -> ((SqlArray) a[0]).elements().length);
            case "gen_random_uuid" -> fn(DataType.UUID, true, (a, c) -> java.util.UUID.randomUUID());
            case "random" -> fn(DataType.FLOAT8, true, (a, c) -> Math.random());
            case "version" -> fn(DataType.TEXT, false, (a, c) -> "PostgreSQL 15.0 (TableOS)");
            case "current_database" -> fn(DataType.TEXT, false, (a, c) -> c.currentDatabase());
            case "current_schema" -> fn(DataType.TEXT, false, (a, c) -> c.currentSchema());
            case "current_user", "session_user" -> fn(DataType.TEXT, false, (a, c) -> c.currentUser());
            case "pg_backend_pid" -> fn(DataType.INT4, false, (a, c) -> c.backendPid());
            case "date_part" -> strict(DataType.FLOAT8, a -> {
                String f = ((String) a[0]).toLowerCase();
                Object v = a[1];
                java.time.temporal.TemporalAccessor t = v instanceof OffsetDateTime o ? o : (java.time.temporal.TemporalAccessor) v;
                return switch (f) {
                    case "year" -> (double) t.get(java.time.temporal.ChronoField.YEAR);
                    case "month" -> (double) t.get(java.time.temporal.ChronoField.MONTH_OF_YEAR);
                    case "day" -> (double) t.get(java.time.temporal.ChronoField.DAY_OF_MONTH);
                    case "hour" -> (double) t.get(java.time.temporal.ChronoField.HOUR_OF_DAY);
                    case "minute" -> (double) t.get(java.time.temporal.ChronoField.MINUTE_OF_HOUR);
                    case "second" -> (double) t.get(java.time.temporal.ChronoField.SECOND_OF_MINUTE);
                    case "epoch" -> v instanceof OffsetDateTime o ? o.toEpochSecond() + o.getNano() / 1e9 : 0.0;
                    default -> throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "unit \"" + f + "\" not recognized");
                };
            });
            default -> throw new DbException(SqlState.UNDEFINED_FUNCTION, "function " + name + "("
                    + argTypes.stream().map(DataType::sqlName).collect(Collectors.joining(", ")) + ") does not exist");
        };
    }
}
