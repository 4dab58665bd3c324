package io.tableos.db.sql.func;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Arithmetic on boxed numbers with PostgreSQL's promotion and errors. Classes: 0 integer
 * (Short/Integer/Long, result as wide as the wider operand), 1 numeric (BigDecimal), 2 float4
 * (only float4 with float4), 3 double.
 */
final class NumberMath {
    private NumberMath() {}

    private static final int INTEGER = 0, NUMERIC = 1, FLOAT4 = 2, DOUBLE = 3;
    /** PostgreSQL's NUMERIC_MIN_SIG_DIGITS and NUMERIC_MAX_DISPLAY_SCALE for division results. */
    private static final int DIVISION_SIGNIFICANT_DIGITS_MIN = 16;
    private static final int DISPLAY_SCALE_MAX = 1000;

    private static int kind(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short) return INTEGER;
        if (n instanceof BigDecimal) return NUMERIC;
        if (n instanceof Float) return FLOAT4;
        return DOUBLE;
    }

    private static int promote(Number a, Number b) {
        int x = kind(a), y = kind(b);
        if (x == y) return x;
        if (x >= FLOAT4 || y >= FLOAT4) return DOUBLE;
        return NUMERIC;
    }

    /** Width rank of an integer box: 2 short, 4 int, 8 long. */
    private static int width(Number n) {
        return n instanceof Long ? 8 : n instanceof Integer ? 4 : 2;
    }

    private static Number box(long v, int width) {
        switch (width) {
            case 2:
                if (v != (short) v) throw FuncErrors.outOfRange("smallint");
                return (short) v;
            case 4:
                if (v != (int) v) throw FuncErrors.outOfRange("integer");
                return (int) v;
            default:
                return v;
        }
    }

    private static BigDecimal decimal(Number n) {
        return Casts.toBigDecimal(n, DataType.NUMERIC);
    }

    private static double checkedDouble(double result, double a, double b) {
        if (Double.isInfinite(result) && !Double.isInfinite(a) && !Double.isInfinite(b)) {
            throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
        }
        return result;
    }

    private static float checkedFloat(float result, float a, float b) {
        if (Float.isInfinite(result) && !Float.isInfinite(a) && !Float.isInfinite(b)) {
            throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
        }
        return result;
    }

    static Number add(Number a, Number b) {
        switch (promote(a, b)) {
            case INTEGER: {
                int w = Math.max(width(a), width(b));
                try {
                    return box(Math.addExact(a.longValue(), b.longValue()), w);
                } catch (ArithmeticException e) {
                    throw FuncErrors.outOfRange("bigint");
                }
            }
            case NUMERIC: return decimal(a).add(decimal(b));
            case FLOAT4: return checkedFloat(a.floatValue() + b.floatValue(), a.floatValue(), b.floatValue());
            default: return checkedDouble(a.doubleValue() + b.doubleValue(), a.doubleValue(), b.doubleValue());
        }
    }

    static Number subtract(Number a, Number b) {
        switch (promote(a, b)) {
            case INTEGER: {
                int w = Math.max(width(a), width(b));
                try {
                    return box(Math.subtractExact(a.longValue(), b.longValue()), w);
                } catch (ArithmeticException e) {
                    throw FuncErrors.outOfRange("bigint");
                }
            }
            case NUMERIC: return decimal(a).subtract(decimal(b));
            case FLOAT4: return checkedFloat(a.floatValue() - b.floatValue(), a.floatValue(), b.floatValue());
            default: return checkedDouble(a.doubleValue() - b.doubleValue(), a.doubleValue(), b.doubleValue());
        }
    }

    static Number multiply(Number a, Number b) {
        switch (promote(a, b)) {
            case INTEGER: {
                int w = Math.max(width(a), width(b));
                try {
                    return box(Math.multiplyExact(a.longValue(), b.longValue()), w);
                } catch (ArithmeticException e) {
                    throw FuncErrors.outOfRange("bigint");
                }
            }
            case NUMERIC: return decimal(a).multiply(decimal(b));
            case FLOAT4: return checkedFloat(a.floatValue() * b.floatValue(), a.floatValue(), b.floatValue());
            default: return checkedDouble(a.doubleValue() * b.doubleValue(), a.doubleValue(), b.doubleValue());
        }
    }

    /** Integer division truncates toward zero; division by zero is 22012 for every type. */
    static Number divide(Number a, Number b) {
        switch (promote(a, b)) {
            case INTEGER: {
                long y = b.longValue();
                if (y == 0) throw FuncErrors.divisionByZero();
                int w = Math.max(width(a), width(b));
                long x = a.longValue();
                if (x == Long.MIN_VALUE && y == -1) throw FuncErrors.outOfRange("bigint");
                return box(x / y, w);
            }
            case NUMERIC: return divideNumeric(decimal(a), decimal(b));
            case FLOAT4: {
                if (b.floatValue() == 0) throw FuncErrors.divisionByZero();
                return checkedFloat(a.floatValue() / b.floatValue(), a.floatValue(), b.floatValue());
            }
            default: {
                if (b.doubleValue() == 0) throw FuncErrors.divisionByZero();
                return checkedDouble(a.doubleValue() / b.doubleValue(), a.doubleValue(), b.doubleValue());
            }
        }
    }

    /** Result scale as PostgreSQL's select_div_scale: at least 16 significant digits, at least the inputs' scales. */
    static BigDecimal divideNumeric(BigDecimal x, BigDecimal y) {
        if (y.signum() == 0) throw FuncErrors.divisionByZero();
        int qweight = base10000Weight(x) - base10000Weight(y);
        if (firstBase10000Digit(x) <= firstBase10000Digit(y)) qweight--;
        int scale = DIVISION_SIGNIFICANT_DIGITS_MIN - qweight * 4;
        scale = Math.max(scale, Math.max(Math.max(x.scale(), y.scale()), 0));
        scale = Math.min(scale, DISPLAY_SCALE_MAX);
        return x.divide(y, scale, RoundingMode.HALF_UP);
    }

    private static int base10000Weight(BigDecimal d) {
        if (d.signum() == 0) return 0;
        int exponent = d.precision() - d.scale() - 1; // decimal exponent of the first digit
        return Math.floorDiv(exponent, 4);
    }

    private static int firstBase10000Digit(BigDecimal d) {
        if (d.signum() == 0) return 0;
        BigDecimal shifted = d.abs().movePointLeft(4 * base10000Weight(d));
        return shifted.intValue();
    }

    static Number modulo(Number a, Number b) {
        switch (promote(a, b)) {
            case INTEGER: {
                long y = b.longValue();
                if (y == 0) throw FuncErrors.divisionByZero();
                int w = Math.max(width(a), width(b));
                return box(y == -1 ? 0 : a.longValue() % y, w);
            }
            case NUMERIC: {
                BigDecimal y = decimal(b);
                if (y.signum() == 0) throw FuncErrors.divisionByZero();
                return decimal(a).remainder(y);
            }
            default: {
                if (b.doubleValue() == 0) throw FuncErrors.divisionByZero();
                return a.doubleValue() % b.doubleValue();
            }
        }
    }

    static Number power(Number a, Number b) {
        boolean numeric = (kind(a) == NUMERIC || kind(b) == NUMERIC) && kind(a) < FLOAT4 && kind(b) < FLOAT4;
        double x = a.doubleValue(), y = b.doubleValue();
        if (x == 0 && y < 0) throw new DbException(FuncErrors.INVALID_ARGUMENT_FOR_POWER, "zero raised to a negative power is undefined");
        if (x < 0 && y != Math.floor(y)) {
            throw new DbException(FuncErrors.INVALID_ARGUMENT_FOR_POWER, "a negative number raised to a non-integer power yields a complex result");
        }
        if (numeric) {
            BigDecimal base = decimal(a), exponent = decimal(b);
            if (exponent.signum() >= 0 && exponent.stripTrailingZeros().scale() <= 0 && exponent.compareTo(BigDecimal.valueOf(1000)) <= 0) {
                BigDecimal r = base.pow(exponent.intValueExact());
                return r.setScale(Math.max(r.scale(), 16), RoundingMode.HALF_UP);
            }
            double r = checkedDouble(Math.pow(x, y), x, y);
            return Casts.toBigDecimal(r, DataType.NUMERIC).setScale(16, RoundingMode.HALF_UP);
        }
        double r = Math.pow(x, y);
        if (r == 0 && x != 0 && !Double.isInfinite(y)) throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
        return checkedDouble(r, x, y);
    }

    static Number negate(Number n) {
        if (n instanceof Integer i) {
            if (i == Integer.MIN_VALUE) throw FuncErrors.outOfRange("integer");
            return -i;
        }
        if (n instanceof Long l) {
            if (l == Long.MIN_VALUE) throw FuncErrors.outOfRange("bigint");
            return -l;
        }
        if (n instanceof Short s) {
            if (s == Short.MIN_VALUE) throw FuncErrors.outOfRange("smallint");
            return (short) -s;
        }
        if (n instanceof BigDecimal d) return d.negate();
        if (n instanceof Float f) return -f;
        if (n instanceof BigInteger b) return new BigDecimal(b.negate());
        return -n.doubleValue();
    }

    /** Numeric order across classes; NaN sorts above everything and equals NaN; -0 equals 0. */
    static int compare(Number a, Number b) {
        switch (promote(a, b)) {
            case INTEGER: return Long.compare(a.longValue(), b.longValue());
            case NUMERIC: return decimal(a).compareTo(decimal(b));
            default: {
                double x = a.doubleValue(), y = b.doubleValue();
                if (x == y) return 0;
                if (kind(a) == NUMERIC || kind(b) == NUMERIC) {
                    if (!Double.isNaN(x) && !Double.isNaN(y) && !Double.isInfinite(x) && !Double.isInfinite(y)) {
                        return new BigDecimal(x).compareTo(new BigDecimal(y));
                    }
                }
                return Double.compare(x, y);
            }
        }
    }
}
