package org.ipb.leaderboards.publish;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Number formats that depend on the value only (not on the locale, the JDK version or the platform). */
final class Numbers {
    private Numbers() {}

    /**
     * At most {@code digits} significant digits, rounded half-even from the exact binary value,
     * trailing zeros dropped; plain notation for magnitudes in [1e-6, 1e15), scientific otherwise.
     * NaN and infinities are written {@code NaN}, {@code Inf}, {@code -Inf}; both zeros as {@code 0}.
     */
    static String significant(double value, int digits) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Inf" : "-Inf";
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN))
                .stripTrailingZeros();
        return layout(rounded, Math.abs(value) >= 1e-6 && Math.abs(value) < 1e15);
    }

    /**
     * The shortest decimal (fewest significant digits, rounded half-even from the exact binary
     * value) that reads back as {@code value}. Unlike {@link Double#toString(double)}, whose output
     * changed in JDK 19, this depends on the value only. Integral values keep a {@code .0}.
     *
     * @throws IllegalArgumentException for NaN and infinities, which JSON numbers cannot express
     */
    static String shortest(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        if (value == 0) {
            return "0.0";
        }
        BigDecimal exact = new BigDecimal(value);
        BigDecimal best = exact;
        for (int p = 1; p <= 17; p++) {
            BigDecimal candidate = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(candidate.toString()) == value) {
                best = candidate;
                break;
            }
        }
        double abs = Math.abs(value);
        String text = layout(best.stripTrailingZeros(), abs >= 1e-7 && abs < 1e21);
        return text.contains(".") || text.contains("E") ? text : text + ".0";
    }

    /** {@code %.<decimals>f} in {@link Locale#ROOT}; NaN as {@code NaN}. */
    static String fixed(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return text.matches("-0\\.?0*") ? text.substring(1) : text;
    }

    private static String layout(BigDecimal d, boolean plain) {
        return plain ? d.toPlainString() : d.toString();
    }
}
