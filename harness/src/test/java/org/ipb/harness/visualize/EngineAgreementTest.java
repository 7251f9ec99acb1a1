package org.ipb.harness.visualize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ipb.harness.model.Architectures;
import org.ipb.harness.model.LayeredNet;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.Manifests;
import org.ipb.manifest.ModelManifest;
import org.ipb.manifest.StimulusSetManifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MXNet and PyTorch compute the same function and the same input gradient at every step of a
 * feature visualization, stage by stage: the trajectory is run on MXNet and PyTorch is evaluated at
 * the very inputs MXNet saw.
 *
 * <p>Why not compare the final images: the network is piecewise linear (ReLU, max-pool) and at a
 * kink (a max-pool window whose two largest values tie or nearly tie, e.g. inside lucid's constant
 * padding) the derivative does not exist; each engine returns one of the one-sided derivatives,
 * chosen by the rounding of the tie, which depends on the CPU's kernels (oneDNN's AVX2 and
 * AVX-512 paths sum in different orders). Adam then amplifies the difference over the steps: on an
 * AVX2 path the final images differed by 0.266 per pixel although both engines' gradients were
 * right. So this test demands, per step, either agreement to float precision, or a kink: a step of
 * 1e-4 off the input along the direction of disagreement, to one side or the other, gives a point
 * where the gradient is unique and equals that engine's. A wrong gradient on either engine (on any CPU)
 * fails it. It runs twice: on the AVX2 paths the launcher pins (as every test does) and with the
 * machine's widest kernels (the {@code isa-native} surefire execution).
 */
class EngineAgreementTest {
    private static final String LAYER = "conv4";
    private static final int C = 128;
    private static final int STEPS = 16;

    private static ManifestFile<ModelManifest> model;
    private static ManifestFile<StimulusSetManifest> stimuli;

    @BeforeAll
    static void setUp() {
        Path home = Path.of(System.getProperty("ipb.home"));
        model = Manifests.readModel(home.resolve("datasets-manifest/embedded/models/fmnist-cnn.json"));
        stimuli = Manifests.readStimulusSet(
                home.resolve("datasets-manifest/embedded/stimulus-sets/fashion-mnist-test.json"));
        System.out.printf("[isa] DNNL_MAX_CPU_ISA=%s MKL_CBWR=%s ATEN_CPU_CAPABILITY=%s%n",
                System.getenv("DNNL_MAX_CPU_ISA"), System.getenv("MKL_CBWR"),
                System.getenv("ATEN_CPU_CAPABILITY"));
    }

    private static float[] direction() {
        float[] d = new float[C];
        d[3] = 0.6f;
        d[40] = 0.8f;
        return d;
    }

    /** The embedded checkpoint on {@code engine}, folded up to conv4. */
    private interface OnEngine {
        void run(FoldedNetwork net, Model m) throws Exception;
    }

    private static void onEngine(String engine, OnEngine body) throws Exception {
        LayeredNet net = Architectures.get("fmnist-cnn").build();
        Path params = model.resolve("fmnist-cnn/fmnist-cnn-0008.params");
        try (Model m = Model.newInstance("t", Device.cpu(), engine)) {
            m.setBlock(net.block());
            m.load(params.getParent(), "fmnist-cnn", Map.of("epoch", 8));
            try (FoldedNetwork f = FoldedNetwork.upTo(net, LAYER, m.getNDManager())) {
                body.run(f, m);
            }
        }
    }

    /** |a - b| / |b| (L2). */
    static double relative(float[] a, float[] b) {
        double d = 0;
        double n = 0;
        for (int i = 0; i < a.length; i++) {
            d += (double) (a[i] - b[i]) * (a[i] - b[i]);
            n += (double) b[i] * b[i];
        }
        return Math.sqrt(d / n);
    }

    @Test
    void everyStepAgreesAcrossEnginesOrSitsOnAKink() throws Exception {
        VisualizationSettings settings = VisualizationSettings.lucid().withSteps(STEPS);
        PixelNormalization norm = PixelNormalization.of(stimuli.manifest().preprocessing());
        List<float[]> inputs = new ArrayList<>();
        List<SamplingMap> maps = new ArrayList<>();
        List<DirectionObjective.Evaluation> mx = new ArrayList<>();
        float[] d = direction();
        float[] moved = new float[1];
        onEngine("MXNet", (f, m) -> {
            DirectionOptimizer.Result r = DirectionOptimizer.optimise(f, m.getNDManager(), d, true, settings, norm,
                    1, 28, 28, 42, (step, in, map, e) -> {
                        inputs.add(in.clone());
                        maps.add(map);
                        mx.add(e);
                    });
            moved[0] = r.trace()[STEPS - 1] - r.trace()[0];
        });
        assertEquals(STEPS, inputs.size());
        assertTrue(moved[0] > 0, "the objective rose over the MXNet trajectory: " + moved[0]);
        Shape shape = new Shape(1, 1, 28, 28);
        int[] agreed = {0};
        int[] kinks = {0};
        int[] padding = {0};
        onEngine("PyTorch", (f, m) -> {
            DirectionObjective o = new DirectionObjective(f, d, settings.centre());
            for (int s = 0; s < STEPS; s++) {
                float[] x = inputs.get(s);
                DirectionObjective.Evaluation pt = o.evaluate(m.getNDManager(), x, shape, 1, 0);
                DirectionObjective.Evaluation me = mx.get(s);
                assertEquals(me.loss(), pt.loss(), 1e-5 * Math.max(1, Math.abs(pt.loss())),
                        "step " + s + ": the engines' forward passes differ");
                float[] g1 = me.gradient();
                float[] g2 = pt.gradient();
                double diff = 0;
                double norm2 = 0;
                double[] v = new double[g1.length];
                for (int i = 0; i < g1.length; i++) {
                    v[i] = g1[i] - g2[i];
                    diff += v[i] * v[i];
                    norm2 += (double) g2[i] * g2[i];
                }
                double rel = Math.sqrt(diff / norm2);
                // What the optimiser uses: the gradient carried back to the untransformed image. Pixels
                // of lucid's constant padding never reach it; ties among them change nothing.
                float[] p1 = maps.get(s).adjoint(norm.backward(g1, 0, g1.length), 1);
                float[] p2 = maps.get(s).adjoint(norm.backward(g2, 0, g2.length), 1);
                double relImage = relative(p1, p2);
                if (rel < 1e-5 || relImage < 1e-5) {
                    if (rel >= 1e-5) {
                        System.out.printf("step %2d: gradients differ (relative %.3g) only in the padding: on the"
                                + " image they agree to %.2g%n", s, rel, relImage);
                        padding[0]++;
                    } else {
                        agreed[0]++;
                    }
                    continue;
                }
                // A kink: step just off x along the unit direction of disagreement, to either side; the
                // gradient there is unique, and each engine's gradient at x must be one of the two.
                double len = Math.sqrt(diff);
                for (int i = 0; i < v.length; i++) {
                    v[i] /= len;
                }
                // The smallest step that leaves the tie (rounding is ~1e-7 of the values) and crosses no other.
                double mxSide = Double.NaN;
                double ptSide = Double.NaN;
                for (double t : new double[] {1e-6, 1e-5, 1e-4}) {
                    float[] xp = x.clone();
                    float[] xm = x.clone();
                    for (int i = 0; i < v.length; i++) {
                        xp[i] += (float) (t * v[i]);
                        xm[i] -= (float) (t * v[i]);
                    }
                    float[] ahead = o.evaluate(m.getNDManager(), xp, shape, 1, 0).gradient();
                    float[] behind = o.evaluate(m.getNDManager(), xm, shape, 1, 0).gradient();
                    mxSide = Math.min(relative(g1, ahead), relative(g1, behind));
                    ptSide = Math.min(relative(g2, ahead), relative(g2, behind));
                    System.out.printf("step %2d: gradients differ (relative %.3g); %.0e off x to either side the"
                            + " gradient is MXNet's to %.2g and PyTorch's to %.2g, the sides differ by %.3g%n", s,
                            rel, t, mxSide, ptSide, relative(ahead, behind));
                    if (mxSide < 1e-3 && ptSide < 1e-3) {
                        break;
                    }
                }
                assertTrue(mxSide < 1e-3 && ptSide < 1e-3, "step " + s + ": the engines' gradients differ by " + rel
                        + " and are not the one-sided gradients beside x (MXNet " + mxSide + ", PyTorch " + ptSide
                        + "): an engine's gradient is wrong");
                kinks[0]++;
            }
        });
        System.out.printf("MXNet vs PyTorch over %d steps: %d agree to 1e-5, %d differ only in the padding, %d on a"
                + " kink (each engine's gradient that of one side)%n", STEPS, agreed[0], padding[0], kinks[0]);
        assertTrue(agreed[0] + padding[0] >= STEPS / 2, "too few steps agree: " + agreed[0]);
    }
}
