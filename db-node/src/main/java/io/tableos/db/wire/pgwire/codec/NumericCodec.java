package io.tableos.db.wire.pgwire.codec;

import io.netty.buffer.ByteBuf;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * numeric in PostgreSQL's binary layout: int16 ndigits, int16 weight, int16 sign, int16 dscale,
 * then ndigits base-10000 digits, most significant first; the value is
 * Σ digit[i] × 10000^(weight − i). Leading and trailing zero digits are not sent; zero has no
 * digits. NaN and ±Infinity cannot be a BigDecimal: receiving them is 0A000.
 *
 * <p>Limits: dscale 0..16383 (PostgreSQL's NUMERIC_DSCALE_MAX); digits must be 0..9999.
 */
final class NumericCodec implements BinaryCodec {
    static final NumericCodec INSTANCE = new NumericCodec();

    private static final int SIGN_POSITIVE = 0x0000;
    private static final int SIGN_NEGATIVE = 0x4000;
    private static final int SIGN_NAN = 0xC000;
    private static final int SIGN_PINF = 0xD000;
    private static final int SIGN_NINF = 0xF000;
    private static final int DSCALE_MAX = 0x3FFF;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    @Override
    public void encode(Object value, DataType type, ByteBuf out) {
        BigDecimal decimal = toBigDecimal(value);
        int sign = decimal.signum() < 0 ? SIGN_NEGATIVE : SIGN_POSITIVE;
        BigDecimal abs = decimal.abs();
        if (abs.scale() < 0) abs = abs.setScale(0);
        int scale = abs.scale();
        if (scale > DSCALE_MAX) throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric scale exceeds " + DSCALE_MAX);

        // Lay the decimal digits out so that both the integer and the fraction part are whole groups of 4.
        String digits = abs.unscaledValue().toString();
        int integerDigits = digits.length() - scale;
        StringBuilder padded = new StringBuilder(digits.length() + 8);
        if (integerDigits <= 0) {
            padded.append("0".repeat(-integerDigits));
            integerDigits = 0;
        }
        int leftPad = (4 - integerDigits % 4) % 4;
        padded.insert(0, "0".repeat(leftPad)).append(digits).append("0".repeat((4 - scale % 4) % 4));
        integerDigits += leftPad;

        int groups = padded.length() / 4;
        int weight = integerDigits / 4 - 1;
        int first = 0;
        int last = groups - 1;
        while (first <= last && group(padded, first) == 0) {
            first++;
            weight--;
        }
        while (last >= first && group(padded, last) == 0) last--;
        int ndigits = last - first + 1;
        if (ndigits == 0) {
            weight = 0;
            sign = SIGN_POSITIVE;
        }
        out.writeShort(ndigits);
        out.writeShort(weight);
        out.writeShort(sign);
        out.writeShort(scale);
        for (int i = first; i <= last; i++) out.writeShort(group(padded, i));
    }

    private static int group(CharSequence s, int index) {
        int at = index * 4;
        return (s.charAt(at) - '0') * 1000 + (s.charAt(at + 1) - '0') * 100 + (s.charAt(at + 2) - '0') * 10 + (s.charAt(at + 3) - '0');
    }

    private static BigDecimal toBigDecimal(Object value) {
        if (value instanceof BigDecimal d) return d;
        if (value instanceof BigInteger i) return new BigDecimal(i);
        if (value instanceof Long || value instanceof Integer || value instanceof Short) return BigDecimal.valueOf(((Number) value).longValue());
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "NaN and infinity are not supported in numeric");
            }
            return BigDecimal.valueOf(d);
        }
        return new BigDecimal(value.toString());
    }

    @Override
    public Object decode(ByteBuf in, int length, DataType type) {
        if (length < 8) throw BinaryFormatException.of("invalid numeric: " + length + " bytes");
        int ndigits = in.readShort();
        int weight = in.readShort();
        int sign = in.readUnsignedShort();
        int dscale = in.readUnsignedShort();
        if (ndigits < 0 || length != 8 + 2 * ndigits) {
            throw BinaryFormatException.of("invalid length in external \"numeric\" value");
        }
        if (sign == SIGN_NAN || sign == SIGN_PINF || sign == SIGN_NINF) {
            in.skipBytes(2 * ndigits);
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "NaN and infinity are not supported in numeric");
        }
        if (sign != SIGN_POSITIVE && sign != SIGN_NEGATIVE) {
            throw BinaryFormatException.of("invalid sign in external \"numeric\" value");
        }
        if (dscale > DSCALE_MAX) throw BinaryFormatException.of("invalid scale in external \"numeric\" value");
        BigInteger unscaled = BigInteger.ZERO;
        for (int i = 0; i < ndigits; i++) {
            int digit = in.readShort();
            if (digit < 0 || digit >= 10_000) throw BinaryFormatException.of("invalid digit in external \"numeric\" value");
            unscaled = unscaled.multiply(TEN_THOUSAND).add(BigInteger.valueOf(digit));
        }
        // The last digit sent has weight (weight − ndigits + 1), i.e. 10^(4·that).
        BigDecimal value = new BigDecimal(unscaled, -4 * (weight - ndigits + 1));
        if (sign == SIGN_NEGATIVE) value = value.negate();
        return value.setScale(dscale, RoundingMode.HALF_UP);
    }
}
