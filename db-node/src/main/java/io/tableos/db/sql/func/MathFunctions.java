package io.tableos.db.sql.func;

import static io.tableos.db.sql.func.FunctionRegistry.fixed;
import static io.tableos.db.sql.func.FunctionRegistry.lenient;
import static io.tableos.db.sql.func.FunctionRegistry.strict;
import static io.tableos.db.sql.func.FunctionRegistry.volatileFunction;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Numeric functions. As in PostgreSQL, functions that exist for numeric and double precision
 * keep numeric for numeric arguments and use double precision for integers and floats
 * (ceil(5) is double precision); abs keeps every type.
 */
final class MathFunctions {
    private MathFunctions() {}

    static void register(Map<String, FunctionRegistry.Resolver> r) {
        r.put("abs", t -> t.size() != 1 ? null : strict(numericOrSame(t.get(0)), (a, c) -> abs(a[0])));
        r.put("ceil", t -> unary(t, d -> d.setScale(0, RoundingMode.CEILING), Math::ceil));
        r.put("ceiling", t -> unary(t, d -> d.setScale(0, RoundingMode.CEILING), Math::ceil));
        r.put("floor", t -> unary(t, d -> d.setScale(0, RoundingMode.FLOOR), Math::floor));
        r.put("sign", t -> unary(t, d -> BigDecimal.valueOf(d.signum()), Math::signum));
        r.put("round", t -> roundOrTrunc(t, RoundingMode.HALF_UP, Math::rint));
        r.put("trunc", t -> roundOrTrunc(t, RoundingMode.DOWN, d -> d < 0 ? Math.ceil(d) : Math.floor(d)));
        r.put("mod", t -> t.size() != 2 ? null : strict(Casts.commonType(base(t.get(0)), base(t.get(1))), (a, c) -> Operators.modulo(a[0], a[1])));
        r.put("power", t -> t.size() != 2 ? null : strict(Operators.resultType("^", t.get(0), t.get(1)), (a, c) -> Operators.power(a[0], a[1])));
        r.put("pow", t -> t.size() != 2 ? null : strict(Operators.resultType("^", t.get(0), t.get(1)), (a, c) -> Operators.power(a[0], a[1])));
        r.put("sqrt", t -> t.size() != 1 ? null : strict(DataType.FLOAT8, (a, c) -> {
            double d = Args.doubleValue(a[0]);
            if (d < 0) throw new DbException(FuncErrors.INVALID_ARGUMENT_FOR_POWER, "cannot take square root of a negative number");
            return Math.sqrt(d);
        }));
        fixed(r, "cbrt", 1, 1, strict(DataType.FLOAT8, (a, c) -> Math.cbrt(Args.doubleValue(a[0]))));
        fixed(r, "exp", 1, 1, strict(DataType.FLOAT8, (a, c) -> Math.exp(Args.doubleValue(a[0]))));
        fixed(r, "ln", 1, 1, strict(DataType.FLOAT8, (a, c) -> Math.log(logArgument(Args.doubleValue(a[0])))));
        r.put("log", t -> t.size() == 1 ? strict(DataType.FLOAT8, (a, c) -> Math.log10(logArgument(Args.doubleValue(a[0]))))
                : t.size() == 2 ? strict(DataType.FLOAT8, (a, c) -> Math.log(logArgument(Args.doubleValue(a[1]))) / Math.log(logArgument(Args.doubleValue(a[0])))) : null);
        fixed(r, "log10", 1, 1, strict(DataType.FLOAT8, (a, c) -> Math.log10(logArgument(Args.doubleValue(a[0])))));
        fixed(r, "pi", 0, 0, strict(DataType.FLOAT8, (a, c) -> Math.PI));
        fixed(r, "degrees", 1, 1, strict(DataType.FLOAT8, (a, c) -> Math.toDegrees(Args.doubleValue(a[0]))));
        fixed(r, "radians", 1, 1, strict(DataType.FLOAT8, (a, c) -> Math.toRadians(Args.doubleValue(a[0]))));
        r.put("greatest", t -> extreme(t, 1));
        r.put("least", t -> extreme(t, -1));
        fixed(r, "random", 0, 0, volatileFunction(DataType.FLOAT8, (a, c) -> ThreadLocalRandom.current().nextDouble()));
        fixed(r, "gen_random_uuid", 0, 0, volatileFunction(DataType.UUID, (a, c) -> UUID.randomUUID()));
        fixed(r, "uuid_generate_v4", 0, 0, volatileFunction(DataType.UUID, (a, c) -> UUID.randomUUID()));
    }

    /** Integers and floats compute in double precision; numeric and unknown literals in numeric. */
    private static DataType base(DataType t) {
        return t.type() == SqlType.UNKNOWN ? DataType.NUMERIC : DataType.of(t.type());
    }

    private static DataType numericOrSame(DataType t) {
        return t.type().isNumeric() ? DataType.of(t.type()) : DataType.NUMERIC;
    }

    private static boolean numericPath(DataType t) {
        return t.type() == SqlType.NUMERIC || t.type() == SqlType.UNKNOWN || t.type().isText();
    }

    private static ScalarFunction unary(List<DataType> t, java.util.function.UnaryOperator<BigDecimal> numeric,
                                        java.util.function.DoubleUnaryOperator dbl) {
        if (t.size() != 1) return null;
        if (numericPath(t.get(0))) return strict(DataType.NUMERIC, (a, c) -> numeric.apply(Args.decimal(a[0])));
        return strict(DataType.FLOAT8, (a, c) -> dbl.applyAsDouble(Args.doubleValue(a[0])));
    }

    /** round/trunc(x) keep numeric or double; with a scale argument they compute in numeric. */
    private static ScalarFunction roundOrTrunc(List<DataType> t, RoundingMode mode, java.util.function.DoubleUnaryOperator dbl) {
        if (t.size() == 1) return unary(t, d -> d.setScale(0, mode), dbl);
        if (t.size() == 2) return strict(DataType.NUMERIC, (a, c) -> Args.decimal(a[0]).setScale(Args.intValue(a[1]), mode));
        return null;
    }

    private static Object abs(Object v) {
        if (v instanceof String s) v = Args.decimal(s);
        if (v instanceof BigDecimal d) return d.abs();
        if (v instanceof Double d) return Math.abs(d);
        if (v instanceof Float f) return Math.abs(f);
        Number n = (Number) v;
        return n.longValue() < 0 ? Operators.negate(n) : n;
    }

    private static double logArgument(double d) {
        if (d == 0) throw new DbException(FuncErrors.INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of zero");
        if (d < 0) throw new DbException(FuncErrors.INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of a negative number");
        return d;
    }

    /** greatest/least: NULLs ignored, every argument cast to the common type. */
    private static ScalarFunction extreme(List<DataType> t, int direction) {
        if (t.isEmpty()) return null;
        DataType common = t.get(0);
        for (DataType d : t) common = Casts.commonType(common, d);
        DataType result = common.type() == SqlType.UNKNOWN ? DataType.TEXT : common;
        return lenient(result, (a, c) -> {
            Object best = null;
            for (Object v : a) {
                if (v == null) continue;
                Object cast = Casts.cast(v, result);
                if (best == null || Operators.compare(cast, best) * direction > 0) best = cast;
            }
            return best;
        });
    }
}
