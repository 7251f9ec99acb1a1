package org.ipb.harness.exemplars;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.ipb.core.UserError;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyArray;
import org.ipb.harness.directions.Numerics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExemplarSelectorTest {
    static Numerics nx;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        nx = Numerics.open("PyTorch");
    }

    @AfterAll
    static void close() {
        nx.close();
    }

    /** Small integers: every product and sum is exact in float32, and ties are common. */
    static float[] integers(int count, int lo, int hi, long seed) {
        Random r = new Random(seed);
        float[] a = new float[count];
        for (int i = 0; i < a.length; i++) {
            a[i] = lo + r.nextInt(hi - lo + 1);
        }
        return a;
    }

    static Path write(Path file, float[] data, int rows, int cols) {
        Npy.write(file, NpyArray.ofFloats(data, rows, cols));
        return file;
    }

    /** Brute force: all N projections in double, sorted with the documented order. */
    static void assertMatchesBruteForce(Selection s, float[] x, int n, int c, float[] d, int k, boolean exact) {
        for (int j = 0; j < k; j++) {
            double[] p = new double[n];
            for (int i = 0; i < n; i++) {
                for (int m = 0; m < c; m++) {
                    p[i] += (double) x[i * c + m] * d[j * c + m];
                }
            }
            Integer[] desc = IntStream.range(0, n).boxed().toArray(Integer[]::new);
            Integer[] asc = desc.clone();
            Arrays.sort(desc, Comparator.<Integer>comparingDouble(i -> -p[i]).thenComparingInt(i -> i));
            Arrays.sort(asc, Comparator.<Integer>comparingDouble(i -> p[i]).thenComparingInt(i -> i));
            for (int r = 0; r < s.kept(); r++) {
                assertEquals(desc[r], s.topRow(j, r), "direction " + j + " top rank " + r);
                assertEquals(asc[r], s.bottomRow(j, r), "direction " + j + " bottom rank " + r);
                if (exact) {
                    // == rather than assertEquals: the engine may return -0.0 where the sum here is +0.0
                    assertTrue((float) p[desc[r]] == s.topValue(j, r), "top value " + j + "/" + r);
                    assertTrue((float) p[asc[r]] == s.bottomValue(j, r), "bottom value " + j + "/" + r);
                } else {
                    assertEquals(p[desc[r]], s.topValue(j, r), 1e-4);
                    assertEquals(p[asc[r]], s.bottomValue(j, r), 1e-4);
                }
            }
        }
    }

    @Test
    void integerDataMatchesBruteForceExactlyIncludingTies() {
        int n = 203;
        int c = 5;
        int k = 4;
        float[] x = integers(n * c, -3, 3, 1);
        float[] d = integers(k * c, -2, 2, 2);
        d[3 * c] = 0; // direction 3: a single unit, many ties
        Arrays.fill(d, 3 * c + 1, 4 * c, 0);
        d[3 * c + 2] = 1;
        Path xf = write(dir.resolve("x.npy"), x, n, c);
        int kept = ExemplarSelector.kept(0.2, n);
        assertEquals(41, kept);
        for (int block : new int[] {1, 16, 4096}) {
            Selection s = new ExemplarSelector(block).select(xf, DirectionMatrix.of(d, k, c), kept, nx);
            assertEquals(n, s.n());
            assertEquals(kept, s.kept());
            assertMatchesBruteForce(s, x, n, c, d, k, true);
        }
        // Direction 3 is column 2, values -3..3: at least 203/7 rows share the top value, so the
        // top ranks are that value's rows in increasing row order.
        Selection s = new ExemplarSelector(16).select(xf, DirectionMatrix.of(d, k, c), kept, nx);
        assertEquals(3f, s.topValue(3, 0));
        assertEquals(3f, s.topValue(3, 1));
        assertTrue(s.topRow(3, 0) < s.topRow(3, 1));
    }

    @Test
    void aDeadUnitGetsDisjointSidesAndTheOtherDirectionsAreUnchanged() {
        // Column 0 is zero on every row but three (a dead ReLU unit); column 1 is ordinary data.
        int n = 50;
        int c = 2;
        float[] x = new float[n * c];
        float[] other = integers(n, -5, 5, 3);
        for (int i = 0; i < n; i++) {
            x[i * c + 1] = other[i];
        }
        x[7 * c] = 2;
        x[30 * c] = 1;
        x[41 * c] = -1;
        Path xf = write(dir.resolve("dead.npy"), x, n, c);
        float[] d = {1, 0, 0, 1};
        int kept = 20;
        Selection s = new ExemplarSelector(8).select(xf, DirectionMatrix.of(d, 2, c), kept, nx);
        // Max side: 7, 30, then the zero rows from row 0 up; min side: 41, then zero rows from row 49 down.
        assertEquals(7, s.topRow(0, 0));
        assertEquals(30, s.topRow(0, 1));
        assertEquals(0, s.topRow(0, 2));
        assertEquals(41, s.bottomRow(0, 0));
        assertEquals(49, s.bottomRow(0, 1));
        assertEquals(48, s.bottomRow(0, 2));
        java.util.Set<Integer> top = new java.util.HashSet<>();
        for (int r = 0; r < kept; r++) {
            top.add(s.topRow(0, r));
        }
        for (int r = 0; r < kept; r++) {
            assertTrue(!top.contains(s.bottomRow(0, r)), "row " + s.bottomRow(0, r) + " on both sides");
            assertEquals(0f, s.bottomValue(0, r) == -1f ? 0f : s.bottomValue(0, r));
        }
        // Direction 1 overlaps nowhere, so it keeps the documented order (ties: lower row) on both sides.
        assertMatchesBruteForce(new Selection(s.n(), s.c(), 1, kept, java.util.Arrays.copyOfRange(s.topRows(), kept,
                2 * kept), java.util.Arrays.copyOfRange(s.topValues(), kept, 2 * kept),
                java.util.Arrays.copyOfRange(s.bottomRows(), kept, 2 * kept),
                java.util.Arrays.copyOfRange(s.bottomValues(), kept, 2 * kept)), x, n, c, new float[] {0, 1}, 1, true);
    }

    @Test
    void gaussianDataMatchesDoubleBruteForce() {
        int n = 300;
        int c = 12;
        int k = 3;
        Random r = new Random(5);
        float[] x = new float[n * c];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.max(0, r.nextGaussian());
        }
        float[] d = new float[k * c];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) r.nextGaussian();
        }
        Path xf = write(dir.resolve("g.npy"), x, n, c);
        Selection s = new ExemplarSelector(64).select(xf, DirectionMatrix.of(d, k, c), 60, nx);
        assertMatchesBruteForce(s, x, n, c, d, k, false);
    }

    @Test
    void float64FileGivesTheSameSelection() {
        int n = 97;
        int c = 3;
        float[] x = integers(n * c, -5, 5, 9);
        double[] x64 = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x64[i] = x[i];
        }
        Path f32 = write(dir.resolve("a.npy"), x, n, c);
        Path f64 = dir.resolve("b.npy");
        Npy.write(f64, NpyArray.ofDoubles(x64, n, c));
        DirectionMatrix d = DirectionMatrix.of(integers(2 * c, -1, 1, 3), 2, c);
        Selection a = new ExemplarSelector(10).select(f32, d, 20, nx);
        Selection b = new ExemplarSelector(10).select(f64, d, 20, nx);
        assertArrayEquals(a.topRows(), b.topRows());
        assertArrayEquals(a.bottomRows(), b.bottomRows());
        assertArrayEquals(a.topValues(), b.topValues());
    }

    @Test
    void keptIsTheCeilingOfTheQuantile() {
        assertEquals(100, ExemplarSelector.kept(0.2, 500));
        assertEquals(2000, ExemplarSelector.kept(0.2, 10_000));
        assertEquals(4, ExemplarSelector.kept(0.5, 7));
        assertEquals(1, ExemplarSelector.kept(0.001, 10));
        assertEquals(21, ExemplarSelector.kept(0.1, 201));
    }

    @Test
    void badInputsAreUserErrorsBeforeAnyWork() {
        Path xf = write(dir.resolve("x.npy"), integers(100 * 4, 0, 3, 1), 100, 4);
        Path df = write(dir.resolve("d.npy"), integers(2 * 5, 0, 3, 1), 2, 5);
        int[] shape = ExemplarSelector.activationShape(xf);
        DirectionMatrix wrong = DirectionMatrix.load(df);
        UserError e = assertThrows(UserError.class, () -> ExemplarSelector.validate(xf, shape, wrong, 0.2, 9));
        assertTrue(e.getMessage().contains(df.toString()) && e.getMessage().contains(xf.toString())
                && e.getMessage().contains("2 x 5") && e.getMessage().contains("100 x 4"), e.getMessage());

        DirectionMatrix ok = DirectionMatrix.of(integers(2 * 4, 0, 3, 1), 2, 4);
        for (double q : new double[] {0.6, 0, -0.1, Double.NaN}) {
            e = assertThrows(UserError.class, () -> ExemplarSelector.validate(xf, shape, ok, q, 9));
            assertTrue(e.getMessage().contains("(0, 0.5]"), e.getMessage());
        }
        // 100 stimuli at q = 0.1 keep 10 per side; a task needs 2 x (9 + 1) = 20.
        e = assertThrows(UserError.class, () -> ExemplarSelector.validate(xf, shape, ok, 0.1, 9));
        assertTrue(e.getMessage().startsWith(xf + ": ") && e.getMessage().contains("keeps 10")
                && e.getMessage().contains("= 20"), e.getMessage());
        ExemplarSelector.validate(xf, shape, ok, 0.2, 9); // exactly 20: fine

        float[] bad = integers(30 * 2, 0, 3, 1);
        bad[17 * 2 + 1] = Float.NaN;
        Path nan = write(dir.resolve("nan.npy"), bad, 30, 2);
        e = assertThrows(UserError.class, () -> new ExemplarSelector(8)
                .select(nan, DirectionMatrix.of(new float[] {1, 0}, 1, 2), 5, nx));
        assertTrue(e.getMessage().contains("row 17, column 1") && e.getMessage().startsWith(nan.toString()),
                e.getMessage());

        Path three = dir.resolve("3d.npy");
        Npy.write(three, NpyArray.ofFloats(new float[8], 2, 2, 2));
        e = assertThrows(UserError.class, () -> ExemplarSelector.activationShape(three));
        assertTrue(e.getMessage().contains("2-D"), e.getMessage());
        Path ints = dir.resolve("i.npy");
        Npy.write(ints, NpyArray.ofInts(new int[4], 2, 2));
        e = assertThrows(UserError.class, () -> ExemplarSelector.activationShape(ints));
        assertTrue(e.getMessage().contains("<i4"), e.getMessage());
        float[] dnan = {1, Float.POSITIVE_INFINITY};
        e = assertThrows(UserError.class, () -> DirectionMatrix.of(dnan, 1, 2));
        assertTrue(e.getMessage().contains("direction 0, column 1"), e.getMessage());
    }
}
