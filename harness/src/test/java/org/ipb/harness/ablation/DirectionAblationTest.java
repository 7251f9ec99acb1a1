package org.ipb.harness.ablation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.ipb.core.UserError;
import org.ipb.harness.model.Architectures;
import org.ipb.harness.model.LayeredNet;
import org.ipb.harness.model.LoadedModel;
import org.ipb.harness.model.ModelLoader;
import org.ipb.manifest.Manifests;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectionAblationTest {
    private static final int N = 500;
    private static final String LAYER = "conv4";
    private static final int C = 128;

    private static LoadedModel model;
    private static StimulusSet stimuli;

    @BeforeAll
    static void load() {
        Path home = Path.of(System.getProperty("ipb.home"));
        model = ModelLoader.load(Manifests.readModel(home.resolve("datasets-manifest/embedded/models/fmnist-cnn.json")),
                null, "cpu");
        stimuli = StimulusSets.open(home.resolve("datasets-manifest/embedded/stimulus-sets/fashion-mnist-test.json"));
    }

    @AfterAll
    static void close() {
        if (stimuli != null) {
            stimuli.close();
        }
        if (model != null) {
            model.close();
        }
    }

    @Test
    void forwardFromAfterReadoutIsTheWholeForwardPass() {
        try (NDManager m = Engine.getEngine("MXNet").newBaseManager()) {
            Engine.getEngine("MXNet").setRandomSeed(11);
            LayeredNet net = Architectures.get("fmnist-cnn").build();
            net.block().initialize(m, DataType.FLOAT32, new Shape(4, 1, 28, 28));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(4, 1, 28, 28));
            float[] whole = net.block().forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
            for (String layer : net.layerNames()) {
                NDArray mid = net.readout(ps, x, Set.of(layer)).get(layer);
                assertArrayEquals(whole, net.forwardFrom(ps, layer, mid).toFloatArray(), 0f, layer);
            }
            assertThrows(IllegalArgumentException.class, () -> net.forwardFrom(ps, "pool", x));
        }
        // Also through the loaded model with trained weights.
        try (NDManager bm = model.manager().newSubManager()) {
            NDArray batch = bm.create(stimuli.preprocessed(0, 32), new Shape(32, 1, 28, 28));
            Map<String, NDArray> out = model.readout(batch, Set.of("conv3", "logits"));
            assertArrayEquals(out.get("logits").toFloatArray(),
                    model.forwardFrom("conv3", out.get("conv3")).toFloatArray(), 0f);
        }
    }

    @Test
    void aRandomDirectionChangesAccuracyExactlyAsADirectReevaluation() {
        float[] d = randomUnit(C, new Random(3));
        DirectionAblation.SingleResult r = new DirectionAblation(model, LAYER, 128).single(d, 1, stimuli, N);
        double[] direct = directAccuracy(d, false, -1);
        System.out.printf("intact %.4f, random direction %.4f (direct %.4f / %.4f)%n", r.intactAccuracy(),
                r.directions().get(0).accuracy(), direct[0], direct[1]);
        assertEquals(direct[0], r.intactAccuracy(), 0.0);
        assertEquals(direct[1], r.directions().get(0).accuracy(), 0.0);
        assertEquals(direct[0] - direct[1], r.directions().get(0).drop(), 1e-12);
        assertEquals(N, r.images());
        assertEquals(C, r.channels());
        assertTrue(r.intactAccuracy() > 0.85, "trained model accuracy " + r.intactAccuracy());

        // A direction that does move accuracy: the uniform direction (all channels equal).
        float[] u = new float[C];
        java.util.Arrays.fill(u, (float) (1 / Math.sqrt(C)));
        DirectionAblation.SingleResult ru = new DirectionAblation(model, LAYER, 128).single(u, 1, stimuli, N);
        double[] directU = directAccuracy(u, false, -1);
        System.out.printf("uniform direction %.4f (direct %.4f)%n", ru.directions().get(0).accuracy(), directU[1]);
        assertEquals(directU[1], ru.directions().get(0).accuracy(), 0.0);
        assertNotEquals(ru.intactAccuracy(), ru.directions().get(0).accuracy());
    }

    @Test
    void aBasisUnitIsZeroAblationOfItsChannel() {
        int unit = 17;
        float[] e = new float[C];
        e[unit] = 1f;
        DirectionAblation.SingleResult r = new DirectionAblation(model, LAYER, 200).single(e, 1, stimuli, N);
        double[] projected = directAccuracy(e, false, -1);
        double[] zeroed = directAccuracy(e, true, unit);
        System.out.printf("intact %.4f, basis unit %d %.4f%n", r.intactAccuracy(), unit, r.directions().get(0).accuracy());
        assertEquals(projected[1], r.directions().get(0).accuracy(), 0.0);
        assertEquals(zeroed[1], r.directions().get(0).accuracy(), 0.0);
        // And the activations themselves: projecting out e_c is exactly zeroing channel c.
        float[] a = new float[2 * C * 3];
        Random rnd = new Random(5);
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        float[] p = a.clone();
        DirectionAblation.projectOut(p, 2, C, 3, new double[][] {toDouble(e)});
        for (int n = 0; n < 2; n++) {
            for (int ch = 0; ch < C; ch++) {
                for (int s = 0; s < 3; s++) {
                    int i = (n * C + ch) * 3 + s;
                    assertEquals(ch == unit ? 0f : a[i], p[i], 0f);
                }
            }
        }
    }

    @Test
    void cumulativeCurvesStartIntactAndEndAtAConstantInput() {
        // An orthonormal basis of the channel space: Gram-Schmidt of random vectors, rows as float.
        float[] basis = orthonormalBasis(C, new Random(9));
        double[] scores = new double[C];
        for (int i = 0; i < C; i++) {
            scores[i] = -i;
        }
        int[] order = DirectionAblation.descending(scores);
        DirectionAblation.CumulativeResult r = new DirectionAblation(model, LAYER, 250)
                .cumulative(basis, C, order, 42L, C, 32, stimuli, N);
        assertEquals(List.of(0, 32, 64, 96, 128), r.random().points().stream().map(DirectionAblation.CurvePoint::removed).toList());
        assertEquals(r.intactAccuracy(), r.random().points().get(0).accuracy(), 0.0);
        assertEquals(r.intactAccuracy(), r.score().points().get(0).accuracy(), 0.0);
        assertEquals(0.0, r.score().points().get(0).drop(), 0.0);
        double zero = constantInputAccuracy();
        assertEquals(zero, r.random().points().get(4).accuracy(), 0.0);
        assertEquals(zero, r.score().points().get(4).accuracy(), 0.0);
        assertNotEquals(List.of(order), r.random().directions());
        System.out.println("intact " + r.intactAccuracy() + ", zero input " + zero);
        System.out.println("random " + r.random().points());
        System.out.println("score  " + r.score().points());
    }

    @Test
    void theScoreCurveAloneEqualsTheScoreCurveMeasuredBesideTheRandomOne(@TempDir Path dir) throws Exception {
        float[] basis = orthonormalBasis(C, new Random(4));
        int[] order = new int[C];
        for (int i = 0; i < C; i++) {
            order[i] = (i * 37) % C;
        }
        DirectionAblation a = new DirectionAblation(model, LAYER, 200);
        DirectionAblation.CumulativeResult both = a.cumulative(basis, C, order, 3L, C, 32, stimuli, 300);
        DirectionAblation.CumulativeResult alone = a.cumulative(basis, C, order, 3L, C, 32, stimuli, 300, false);
        assertEquals(null, alone.random());
        assertEquals(both.score(), alone.score());
        assertEquals(both.intactAccuracy(), alone.intactAccuracy(), 0.0);
        assertEquals(List.of(alone.score()), alone.curves());
        // The whole channel space removed at the end of both curves is one pass with one answer.
        assertEquals(both.random().points().get(4).accuracy(), both.score().points().get(4).accuracy(), 0.0);
        List<String> lines = Files.readAllLines(AblationCurves.write(dir, alone));
        assertEquals(1 + 5, lines.size());
        assertTrue(lines.get(1).startsWith("score,0,"), lines.get(1));
    }

    @Test
    void cumulativeWithOneBasisDirectionEqualsSingleAblation() {
        float[] d = new float[2 * C];
        d[5] = 1f;
        float[] r = randomUnit(C, new Random(21));
        System.arraycopy(r, 0, d, C, C);
        DirectionAblation a = new DirectionAblation(model, LAYER, 500);
        DirectionAblation.SingleResult single = a.single(d, 2, stimuli, N);
        DirectionAblation.CumulativeResult cum = a.cumulative(d, 2, new int[] {0, 1}, 1L, 1, 1, stimuli, N);
        assertEquals(single.directions().get(0).accuracy(), cum.score().points().get(1).accuracy(), 0.0);
        System.out.println("single rows " + single.directions());
    }

    @Test
    void curvesAreWrittenAsCsvAndPng(@TempDir Path dir) throws Exception {
        float[] basis = orthonormalBasis(C, new Random(2));
        int[] order = new int[C];
        for (int i = 0; i < C; i++) {
            order[i] = C - 1 - i;
        }
        DirectionAblation.CumulativeResult r = new DirectionAblation(model, LAYER, 250)
                .cumulative(basis, C, order, 7L, 64, 16, stimuli, 100);
        Path csv = AblationCurves.write(dir, r);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("order,removed,accuracy", lines.get(0));
        assertEquals(1 + 2 * 5, lines.size());
        assertTrue(lines.get(1).startsWith("random,0,"), lines.get(1));
        assertTrue(lines.get(6).startsWith("score,0,"), lines.get(6));
        BufferedImage png = ImageIO.read(dir.resolve(AblationCurves.PNG_NAME).toFile());
        assertEquals(720, png.getWidth());
        assertEquals(480, png.getHeight());
    }

    @Test
    void badInputIsAOneLineUserError() {
        DirectionAblation a = new DirectionAblation(model, LAYER, 100);
        float[] wide = randomUnit(C + 1, new Random(1));
        assertOneLine(assertThrows(UserError.class, () -> a.single(wide, 1, stimuli, 10)));
        float[] notUnit = randomUnit(C, new Random(1));
        notUnit[0] += 0.5f;
        assertOneLine(assertThrows(UserError.class, () -> a.single(notUnit, 1, stimuli, 10)));
        float[] nan = randomUnit(C, new Random(1));
        nan[3] = Float.NaN;
        assertOneLine(assertThrows(UserError.class, () -> a.single(nan, 1, stimuli, 10)));
        float[] inf = randomUnit(C, new Random(1));
        inf[3] = Float.POSITIVE_INFINITY;
        assertOneLine(assertThrows(UserError.class, () -> a.single(inf, 1, stimuli, 10)));
        assertOneLine(assertThrows(UserError.class, () -> a.single(new float[C + 1], 2, stimuli, 10)));
        assertOneLine(assertThrows(UserError.class, () -> new DirectionAblation(model, "conv9", 100)));
        assertOneLine(assertThrows(UserError.class, () -> new DirectionAblation(new NotDjlBlock(), LAYER, 100)));
        float[] ok = randomUnit(C, new Random(1));
        assertOneLine(assertThrows(UserError.class, () -> a.cumulative(ok, 1, new int[] {0}, 1L, 2, 1, stimuli, 10)));
        assertOneLine(assertThrows(UserError.class, () -> a.cumulative(ok, 1, new int[] {3}, 1L, 1, 1, stimuli, 10)));
        assertOneLine(assertThrows(UserError.class, () -> a.single(ok, 1, stimuli, 0)));
        UserError e = assertThrows(UserError.class, () -> a.single(wide, 1, stimuli, 10));
        assertTrue(e.getMessage().contains("129") && e.getMessage().contains("128"), e.getMessage());
    }

    private static void assertOneLine(UserError e) {
        assertFalse(e.getMessage().isBlank());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    /**
     * Independent re-evaluation: read out conv4, remove d (or zero channel {@code unit}) on the
     * float arrays, run the rest, and count arg-max hits. Returns {intact, ablated} accuracy.
     */
    private static double[] directAccuracy(float[] d, boolean zeroChannel, int unit) {
        int intact = 0;
        int ablated = 0;
        for (int from = 0; from < N; from += 100) {
            int to = Math.min(N, from + 100);
            try (NDManager bm = model.manager().newSubManager()) {
                NDArray batch = bm.create(stimuli.preprocessed(from, to), new Shape(to - from, 1, 28, 28));
                NDArray act = model.readout(batch, Set.of(LAYER)).get(LAYER);
                Shape shape = act.getShape();
                int s = (int) (shape.get(2) * shape.get(3));
                float[] a = act.toFloatArray();
                for (int n = 0; n < to - from; n++) {
                    for (int p = 0; p < s; p++) {
                        if (zeroChannel) {
                            a[(n * C + unit) * s + p] = 0f;
                            continue;
                        }
                        double dot = 0;
                        for (int c = 0; c < C; c++) {
                            dot += (double) a[(n * C + c) * s + p] * d[c];
                        }
                        for (int c = 0; c < C; c++) {
                            int i = (n * C + c) * s + p;
                            a[i] = (float) (a[i] - dot * d[c]);
                        }
                    }
                }
                intact += hits(model.forwardFrom(LAYER, act), from);
                ablated += hits(model.forwardFrom(LAYER, bm.create(a, shape)), from);
            }
        }
        return new double[] {intact / (double) N, ablated / (double) N};
    }

    private static double constantInputAccuracy() {
        int ok = 0;
        try (NDManager bm = model.manager().newSubManager()) {
            ok = hits(model.forwardFrom(LAYER, bm.zeros(new Shape(N, C, 7, 7))), 0);
        }
        return ok / (double) N;
    }

    private static int hits(NDArray logits, int from) {
        float[] o = logits.toFloatArray();
        int k = (int) logits.getShape().get(1);
        int ok = 0;
        for (int i = 0; i < o.length / k; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (o[i * k + j] > o[i * k + best]) {
                    best = j;
                }
            }
            ok += best == stimuli.label(from + i) ? 1 : 0;
        }
        return ok;
    }

    private static float[] randomUnit(int c, Random rnd) {
        double[] v = new double[c];
        double norm = 0;
        for (int i = 0; i < c; i++) {
            v[i] = rnd.nextGaussian();
            norm += v[i] * v[i];
        }
        float[] d = new float[c];
        for (int i = 0; i < c; i++) {
            d[i] = (float) (v[i] / Math.sqrt(norm));
        }
        return d;
    }

    private static float[] orthonormalBasis(int c, Random rnd) {
        double[][] q = new double[c][];
        for (int k = 0; k < c; k++) {
            double[] v = new double[c];
            for (int i = 0; i < c; i++) {
                v[i] = rnd.nextGaussian();
            }
            for (int j = 0; j < k; j++) {
                double dot = 0;
                for (int i = 0; i < c; i++) {
                    dot += q[j][i] * v[i];
                }
                for (int i = 0; i < c; i++) {
                    v[i] -= dot * q[j][i];
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < c; i++) {
                v[i] /= norm;
            }
            q[k] = v;
        }
        float[] out = new float[c * c];
        for (int k = 0; k < c; k++) {
            for (int i = 0; i < c; i++) {
                out[k * c + i] = (float) q[k][i];
            }
        }
        return out;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** A loaded model that cannot run from a layer (like a TorchScript or symbol model). */
    private static final class NotDjlBlock implements LoadedModel {
        @Override
        public String name() {
            return "not-djl-block";
        }

        @Override
        public String engineName() {
            return "MXNet";
        }

        @Override
        public Device device() {
            return Device.cpu();
        }

        @Override
        public Shape inputShape() {
            return new Shape(1, 28, 28);
        }

        @Override
        public List<String> layers() {
            return List.of(LAYER);
        }

        @Override
        public NDManager manager() {
            return model.manager();
        }

        @Override
        public Map<String, NDArray> readout(NDArray batch, Set<String> layers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
