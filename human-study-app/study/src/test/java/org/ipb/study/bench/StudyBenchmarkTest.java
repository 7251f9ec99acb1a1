package org.ipb.study.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ipb.core.UserError;
import org.junit.jupiter.api.Test;

class StudyBenchmarkTest {
    @Test
    void percentilesAreNearestRank() {
        long[] ns = new long[100];
        for (int i = 0; i < 100; i++) {
            ns[i] = (i + 1) * 1_000_000L;
        }
        double[] p = StudyBenchmark.percentiles(ns);
        assertEquals(50.0, p[0]);
        assertEquals(90.0, p[1]);
        assertEquals(99.0, p[2]);
        assertEquals(100.0, p[3]);
    }

    @Test
    void everyResponseIsCountedPerSetup() {
        StudyBenchmark.Result r = new StudyBenchmark(10, 2, 3).run();
        assertEquals(3, r.rows().size());
        assertEquals(10, r.rows().get(0).responses());
        assertEquals(20, r.rows().get(2).responses());
        assertEquals(2, r.rows().get(2).stations());
    }

    @Test
    void refusesZeroTrials() {
        assertThrows(UserError.class, () -> new StudyBenchmark(0, 1, 0));
    }
}
