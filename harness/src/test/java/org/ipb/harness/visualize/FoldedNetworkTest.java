package org.ipb.harness.visualize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * BatchNorm folding and the input gradient on a tiny network (conv 3x3 + BatchNorm + ReLU, then
 * the spatial mean of the projection on a direction), random seeded weights and running
 * statistics, on both engines.
 */
class FoldedNetworkTest {
    private static final Shape IN = new Shape(1, 2, 6, 6);
    private static final int FILTERS = 4;

    /** The tiny network with weights, gamma, beta and running statistics drawn from {@code seed}. */
    static SequentialBlock tinyNet(NDManager m, long seed, boolean bias) {
        SequentialBlock net = new SequentialBlock()
                .add(Conv2d.builder().setFilters(FILTERS).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                        .optBias(bias).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
        net.initialize(m, DataType.FLOAT32, IN);
        Random r = new Random(seed);
        Block conv = net.getChildren().get(0).getValue();
        Block bn = net.getChildren().get(1).getValue();
        set(conv, "weight", r, 0.5, 0);
        if (bias) {
            set(conv, "bias", r, 0.3, 0);
        }
        set(bn, "gamma", r, 0.5, 1.0);
        set(bn, "beta", r, 0.3, 0.2);
        set(bn, "runningMean", r, 0.4, 0.1);
        NDArray var = bn.getDirectParameters().get("runningVar").getArray();
        float[] v = new float[(int) var.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (0.3 + 2 * r.nextDouble());
        }
        var.set(v);
        return net;
    }

    private static void set(Block b, String name, Random r, double sd, double mean) {
        NDArray a = b.getDirectParameters().get(name).getArray();
        float[] v = new float[(int) a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (mean + sd * r.nextGaussian());
        }
        a.set(v);
    }

    private static float[] randomInput(long seed) {
        Random r = new Random(seed);
        float[] x = new float[(int) IN.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    private static float[] direction() {
        Random r = new Random(5);
        float[] d = new float[FILTERS];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) r.nextGaussian();
        }
        return d;
    }

    /** Spatial mean of the projection, by the original network in inference mode, in double. */
    private static double objective(Block net, NDManager m, float[] x, float[] d) {
        try (NDManager s = m.newSubManager()) {
            NDArray a = net.forward(new ParameterStore(s, false), new NDList(s.create(x, IN)), false).singletonOrThrow();
            float[] v = a.toFloatArray();
            int hw = (int) (a.getShape().get(2) * a.getShape().get(3));
            double sum = 0;
            for (int c = 0; c < d.length; c++) {
                for (int p = 0; p < hw; p++) {
                    sum += (double) d[c] * v[c * hw + p];
                }
            }
            return sum / hw;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MXNet", "PyTorch"})
    void foldedNetworkEqualsTheOriginalInInferenceMode(String engine) {
        for (boolean bias : new boolean[] {false, true}) {
            try (NDManager m = Engine.getEngine(engine).newBaseManager()) {
                SequentialBlock net = tinyNet(m, 3, bias);
                try (FoldedNetwork folded = FoldedNetwork.fold(List.of(net), m)) {
                    assertEquals(1, folded.foldedBatchNorms());
                    NDArray x = m.create(randomInput(7), IN);
                    float[] want = net.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow()
                            .toFloatArray();
                    float[] got = folded.forward(x).toFloatArray();
                    double err = 0;
                    for (int i = 0; i < want.length; i++) {
                        err = Math.max(err, Math.abs(want[i] - got[i]));
                    }
                    System.out.printf("%s bias=%b: max |folded - original| = %.3g%n", engine, bias, err);
                    assertTrue(err < 1e-4, engine + " folded differs by " + err);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MXNet", "PyTorch"})
    void inputGradientMatchesCentralFiniteDifferences(String engine) {
        try (NDManager m = Engine.getEngine(engine).newBaseManager()) {
            SequentialBlock net = tinyNet(m, 11, false);
            float[] x = randomInput(13);
            float[] d = direction();
            try (FoldedNetwork folded = FoldedNetwork.fold(List.of(net), m)) {
                DirectionObjective obj = new DirectionObjective(folded, d, false);
                // Maximising: loss = -objective, so the gradient of the objective is minus the loss's.
                DirectionObjective.Evaluation e = obj.evaluate(m, x, IN, 1, 0);
                assertEquals(objective(net, m, x, d), e.objectives()[0], 1e-5);
                double h = 1e-3;
                double num = 0;
                double den = 0;
                for (int i = 0; i < x.length; i++) {
                    float[] xp = x.clone();
                    float[] xm = x.clone();
                    xp[i] += (float) h;
                    xm[i] -= (float) h;
                    double fd = (objective(net, m, xp, d) - objective(net, m, xm, d)) / (2 * h);
                    double g = -e.gradient()[i];
                    num += (g - fd) * (g - fd);
                    den += fd * fd;
                }
                double rel = Math.sqrt(num / den);
                System.out.printf("%s: input gradient vs central differences, relative error %.3g%n", engine, rel);
                assertTrue(rel < 1e-2, engine + ": relative error " + rel);
            }
            // For the record: the unfolded network differentiated under the GradientCollector.
            try (NDManager s = m.newSubManager()) {
                NDArray xa = s.create(x, IN);
                xa.setRequiresGradient(true);
                NDArray o;
                // MXNet refuses an inference-mode BatchNorm under the collector; in training mode it
                // uses the batch statistics, which is why the network is folded.
                boolean training = engine.equals("MXNet");
                try (GradientCollector gc = s.getEngine().newGradientCollector()) {
                    NDArray a = net.forward(new ParameterStore(s, false), new NDList(xa), training).singletonOrThrow();
                    o = a.mul(s.create(d, new Shape(1, FILTERS, 1, 1))).sum(new int[] {1}).reshape(1, -1)
                            .mean(new int[] {1});
                    gc.backward(o);
                }
                float[] g = xa.getGradient().toFloatArray();
                float[] want = obj(folded(m, net), m, x, d);
                double num = 0;
                double den = 0;
                for (int i = 0; i < g.length; i++) {
                    num += (g[i] - want[i]) * (g[i] - want[i]);
                    den += want[i] * want[i];
                }
                System.out.printf("%s: unfolded network under GradientCollector (training=" + training + "): objective %.5g (inference %.5g),"
                        + " gradient relative error %.3g%n", engine, o.getFloat(), objective(net, m, x, d),
                        Math.sqrt(num / den));
            }
        }
    }

    private static FoldedNetwork folded(NDManager m, Block net) {
        return FoldedNetwork.fold(List.of(net), m);
    }

    private static float[] obj(FoldedNetwork f, NDManager m, float[] x, float[] d) {
        try (f) {
            float[] g = new DirectionObjective(f, d, false).evaluate(m, x, IN, -1, 0).gradient();
            return g;
        }
    }
}
