package org.ipb.leaderboards.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NumbersTest {
    @Test
    void significantDigitsKnownAnswers() {
        assertEquals("0.333333", Numbers.significant(1.0 / 3, 6));
        assertEquals("0.812346", Numbers.significant(0.8123456, 6));
        assertEquals("0.1", Numbers.significant(0.1, 6));
        assertEquals("1234570", Numbers.significant(1234567.0, 6));
        assertEquals("-2.5", Numbers.significant(-2.5, 6));
        assertEquals("1E-7", Numbers.significant(1e-7, 6));
        assertEquals("0.000001", Numbers.significant(1e-6, 6));
        assertEquals("1.23457E+15", Numbers.significant(1234567e9, 6));
        assertEquals("0", Numbers.significant(-0.0, 6));
        assertEquals("NaN", Numbers.significant(Double.NaN, 6));
        assertEquals("Inf", Numbers.significant(Double.POSITIVE_INFINITY, 6));
        assertEquals("-Inf", Numbers.significant(Double.NEGATIVE_INFINITY, 6));
    }

    @Test
    void shortestReadsBackExactly() {
        assertEquals("0.1", Numbers.shortest(0.1));
        assertEquals("0.8123456", Numbers.shortest(0.8123456));
        assertEquals("1.0", Numbers.shortest(1.0));
        assertEquals("0.0", Numbers.shortest(-0.0));
        assertEquals("0.30000000000000004", Numbers.shortest(0.1 + 0.2));
        assertEquals("1E+23", Numbers.shortest(1e23)); // Double.toString gives 1.0E23 (JDK 19+) or 9.999999999999999E22
        assertEquals("1E-9", Numbers.shortest(1e-9));
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 10_000; i++) {
            double d = Double.longBitsToDouble(rng.nextLong());
            if (Double.isFinite(d)) {
                assertEquals(d, Double.parseDouble(Numbers.shortest(d)), 0.0);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Numbers.shortest(Double.NaN));
    }

    @Test
    void fixedIsLocaleIndependent() {
        assertEquals("0.812", Numbers.fixed(0.8123456, 3));
        assertEquals("0.000", Numbers.fixed(-0.0001, 3));
        assertEquals("NaN", Numbers.fixed(Double.NaN, 3));
    }
}
