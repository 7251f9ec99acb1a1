package org.ipb.harness.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ipb.core.UserError;
import org.ipb.harness.bench.PlantedRecoveryBenchmark.Coefficients;
import org.ipb.harness.bench.PlantedRecoveryBenchmark.Planted;
import org.ipb.harness.bench.PlantedRecoveryBenchmark.Row;
import org.ipb.harness.bench.PlantedRecoveryBenchmark.Setup;
import org.junit.jupiter.api.Test;

/** The planted-recovery benchmark: its data as specified, and one tiny run end to end. */
class PlantedRecoveryBenchmarkTest {

    @Test
    void plantedDataIsSeededWithUnitAtomsAndTheActiveCount() {
        Setup one = new Setup(300, 8, 2, 1, 0.5);
        Planted p = PlantedRecoveryBenchmark.generate(one, Coefficients.NONNEGATIVE, 4L);
        assertEquals(16, p.atomCount());
        assertEquals(300, p.x().rows());
        for (int a = 0; a < 16; a++) {
            double norm = 0;
            for (int j = 0; j < 8; j++) {
                norm += p.atoms()[a * 8 + j] * p.atoms()[a * 8 + j];
            }
            assertEquals(1.0, norm, 1e-5);
        }
        // With one active atom, every sample is one atom times |N(0,1)| + 0.5: at cosine +1 with
        // that atom, with a norm of at least the offset.
        for (int i = 0; i < 300; i++) {
            float[] row = Arrays.copyOfRange(p.x().data(), i * 8, i * 8 + 8);
            double norm = Math.sqrt(dot(row, row));
            double bestCos = -1;
            for (int a = 0; a < 16; a++) {
                bestCos = Math.max(bestCos, dot(row, Arrays.copyOfRange(p.atoms(), a * 8, a * 8 + 8)) / norm);
            }
            assertEquals(1.0, bestCos, 1e-5, "sample " + i);
            assertTrue(norm >= 0.5 - 1e-5, "coefficient " + norm + " below the offset");
        }
        Planted same = PlantedRecoveryBenchmark.generate(one, Coefficients.NONNEGATIVE, 4L);
        assertArrayEquals(p.x().data(), same.x().data());
        Planted other = PlantedRecoveryBenchmark.generate(one, Coefficients.NONNEGATIVE, 5L);
        assertFalse(Arrays.equals(p.x().data(), other.x().data()));
        // Signed coefficients: the same atoms, and about half the samples point away from theirs.
        Planted signed = PlantedRecoveryBenchmark.generate(one, Coefficients.SIGNED, 4L);
        assertArrayEquals(p.atoms(), signed.atoms());
        int negative = 0;
        for (int i = 0; i < 300; i++) {
            float[] row = Arrays.copyOfRange(signed.x().data(), i * 8, i * 8 + 8);
            double most = 0;
            for (int a = 0; a < 16; a++) {
                double d = dot(row, Arrays.copyOfRange(signed.atoms(), a * 8, a * 8 + 8));
                most = Math.abs(d) > Math.abs(most) ? d : most;
            }
            negative += most < 0 ? 1 : 0;
        }
        assertTrue(negative > 100 && negative < 200, negative + " of 300 negative");
        assertThrows(UserError.class, () -> new Setup(10, 4, 2, 9, 0.5));
        assertThrows(UserError.class, () -> Coefficients.parse("gaussian"));
    }

    @Test
    void tinyRunGivesARowPerKindSeedAndMethodAndDictRecovers() {
        Setup setup = new Setup(1500, 8, 2, 2, 0.5);
        List<String> methods = List.of("dict", "kmeans", "sae-topk-abs");
        PlantedRecoveryBenchmark bench = new PlantedRecoveryBenchmark(setup, List.of(1L, 2L),
                List.of(Coefficients.NONNEGATIVE, Coefficients.SIGNED), methods, Map.of("epochs", "3"));
        List<Row> seen = new ArrayList<>();
        List<Row> rows = bench.run(seen::add);
        assertEquals(rows, seen);
        assertEquals(2 * 2 * 3, rows.size());
        int i = 0;
        for (String kind : List.of("nonneg", "signed")) {
            for (long seed : List.of(1L, 2L)) {
                for (String m : methods) {
                    Row r = rows.get(i++);
                    assertEquals(kind, r.coefficients());
                    assertEquals(seed, r.seed());
                    assertEquals(m, r.method());
                    assertEquals(16, r.k());
                    assertEquals(16, r.atoms());
                    assertTrue(r.meanMaxCos() > 0 && r.meanMaxCos() <= 1 + 1e-6, r.toString());
                    assertTrue(r.recovered() >= 0 && r.recovered() <= 16);
                    assertTrue(r.seconds() > 0);
                    if (m.equals("dict")) {
                        assertTrue(r.meanMaxCos() > 0.95, r.toString());
                    }
                }
            }
        }
        Map<String, double[]> summary = PlantedRecoveryBenchmark.summary(rows);
        assertEquals(6, summary.size());
        double[] dict = summary.get("signed dict");
        assertEquals((rows.get(6).meanMaxCos() + rows.get(9).meanMaxCos()) / 2, dict[0], 1e-12);
        assertEquals("bench-planted", bench.document(rows).get("kind"));
        assertThrows(UserError.class, () -> new PlantedRecoveryBenchmark(setup, List.of(1L),
                List.of(Coefficients.SIGNED), List.of("sae-topk"), Map.of("no-such-option", "1")));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }
}
