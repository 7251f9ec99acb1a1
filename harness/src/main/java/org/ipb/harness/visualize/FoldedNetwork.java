package org.ipb.harness.visualize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.ipb.harness.model.LayeredNet;

/**
 * The stages of a network up to a read-out layer with every BatchNorm folded away, for gradient
 * passes with respect to the input.
 *
 * <p>Why: under DJL's {@code GradientCollector} the MXNet engine runs BatchNorm in training mode
 * (batch statistics instead of the running ones), whatever the {@code training} flag says, so the
 * forward pass is a different function and its input gradient is wrong. Folding makes the network
 * free of BatchNorm: a BatchNorm after a {@link Conv2d} becomes part of the convolution,
 *
 * <pre>
 * s = gamma / sqrt(runningVar + eps),  w' = w * s (per output channel),  b' = (b - runningMean) * s + beta,
 * </pre>
 *
 * and any other BatchNorm (along axis {@code a}) becomes the per-channel affine map
 * {@code x * s + (beta - runningMean * s)}. Dropout is dropped (the identity at inference). Every
 * other block runs as it is in inference mode; parameter-free blocks (ReLU, pooling, flatten) and
 * BatchNorm-free blocks with parameters (Linear, a convolution without BatchNorm) behave the same
 * in training and inference mode. Sequential blocks are flattened; a BatchNorm nested in any other
 * kind of block cannot be folded and is refused.
 *
 * <p>The folded weights are copies in this network's own manager; the source model is not changed.
 */
public final class FoldedNetwork implements DifferentiableLayer {
    private final NDManager manager;
    private final List<Op> ops;
    private final ParameterStore parameters;
    private final int folded;

    private FoldedNetwork(NDManager manager, List<Op> ops, int folded) {
        this.manager = manager;
        this.ops = ops;
        this.folded = folded;
        this.parameters = new ParameterStore(manager, false);
    }

    /** Folds the stages of {@code net} up to and including the stage read out as {@code stage}. */
    public static FoldedNetwork upTo(LayeredNet net, String stage, NDManager parent) {
        int at = net.stageNames().indexOf(stage);
        if (at < 0) {
            throw new IllegalArgumentException("unknown layer " + stage + "; valid layers: "
                    + String.join(", ", net.layerNames()));
        }
        List<Block> stages = new ArrayList<>(net.block().getChildren().values());
        return fold(stages.subList(0, at + 1), parent);
    }

    /** Folds a sequence of initialised blocks; the result lives in a sub-manager of {@code parent}. */
    public static FoldedNetwork fold(List<Block> blocks, NDManager parent) {
        List<Block> leaves = new ArrayList<>();
        for (Block b : blocks) {
            flatten(b, leaves);
        }
        NDManager m = parent.newSubManager();
        try {
            List<Op> ops = new ArrayList<>();
            int folded = 0;
            for (int i = 0; i < leaves.size(); i++) {
                Block b = leaves.get(i);
                if (b instanceof Dropout) {
                    continue;
                }
                if (b instanceof Conv2d conv && i + 1 < leaves.size() && leaves.get(i + 1) instanceof BatchNorm bn
                        && axis(bn) == 1) {
                    ops.add(foldConv(m, conv, bn));
                    folded++;
                    i++;
                } else if (b instanceof BatchNorm bn) {
                    ops.add(affine(m, bn));
                    folded++;
                } else {
                    ops.add(new Plain(b));
                }
            }
            return new FoldedNetwork(m, List.copyOf(ops), folded);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    private static void flatten(Block b, List<Block> out) {
        if (b instanceof SequentialBlock) {
            for (Block c : b.getChildren().values()) {
                flatten(c, out);
            }
            return;
        }
        if (!(b instanceof BatchNorm) && containsBatchNorm(b)) {
            throw new IllegalArgumentException("cannot fold a BatchNorm nested in " + b.getClass().getSimpleName()
                    + "; only BatchNorms in sequential blocks can be folded");
        }
        out.add(b);
    }

    private static boolean containsBatchNorm(Block b) {
        for (Block c : b.getChildren().values()) {
            if (c instanceof BatchNorm || containsBatchNorm(c)) {
                return true;
            }
        }
        return false;
    }

    /** How many BatchNorms were folded. */
    public int foldedBatchNorms() {
        return folded;
    }

    /** Runs the folded stages; differentiable (no BatchNorm left to change behaviour in training mode). */
    @Override
    public NDArray forward(NDArray x) {
        NDArray cur = x;
        for (Op op : ops) {
            cur = op.apply(parameters, cur);
        }
        return cur;
    }

    @Override
    public String gradientNote() {
        return "DJL GradientCollector on " + manager.getEngine().getEngineName() + ", " + folded
                + " BatchNorm folded into the preceding convolutions";
    }

    @Override
    public void close() {
        manager.close();
    }

    private interface Op {
        NDArray apply(ParameterStore ps, NDArray x);
    }

    private record Plain(Block block) implements Op {
        @Override
        public NDArray apply(ParameterStore ps, NDArray x) {
            return block.forward(ps, new NDList(x), false).singletonOrThrow();
        }
    }

    private record Conv(NDArray weight, NDArray bias, Shape stride, Shape padding, Shape dilation, int groups)
            implements Op {
        @Override
        public NDArray apply(ParameterStore ps, NDArray x) {
            return Conv2d.conv2d(x, weight, bias, stride, padding, dilation, groups).singletonOrThrow();
        }
    }

    private record Affine(NDArray scale, NDArray shift, int axis) implements Op {
        @Override
        public NDArray apply(ParameterStore ps, NDArray x) {
            int dims = x.getShape().dimension();
            int ax = axis < 0 ? axis + dims : axis;
            long[] shape = new long[dims];
            java.util.Arrays.fill(shape, 1);
            shape[ax] = scale.getShape().get(0);
            Shape s = new Shape(shape);
            return x.mul(scale.reshape(s)).add(shift.reshape(s));
        }
    }

    /** Per-channel {@code s = gamma / sqrt(var + eps)} and {@code t = beta - mean * s}, in double. */
    static double[][] batchNormAffine(BatchNorm bn) {
        float[] gamma = array(bn, "gamma");
        float[] beta = array(bn, "beta");
        float[] mean = array(bn, "runningMean");
        float[] var = array(bn, "runningVar");
        double eps = epsilon(bn);
        double[] s = new double[gamma.length];
        double[] t = new double[gamma.length];
        for (int c = 0; c < s.length; c++) {
            s[c] = gamma[c] / Math.sqrt(var[c] + eps);
            t[c] = beta[c] - mean[c] * s[c];
        }
        return new double[][] {s, t};
    }

    private static Op foldConv(NDManager m, Conv2d conv, BatchNorm bn) {
        NDArray w = param(conv, "weight");
        Shape ws = w.getShape();
        float[] weight = w.toFloatArray();
        int out = (int) ws.get(0);
        int per = weight.length / out;
        float[] bias = conv.isIncludeBias() ? array(conv, "bias") : new float[out];
        double[][] st = batchNormAffine(bn);
        if (st[0].length != out) {
            throw new IllegalArgumentException("BatchNorm over " + st[0].length + " channels after a convolution with "
                    + out + " filters");
        }
        float[] fw = new float[weight.length];
        float[] fb = new float[out];
        for (int o = 0; o < out; o++) {
            double s = st[0][o];
            for (int i = o * per; i < (o + 1) * per; i++) {
                fw[i] = (float) (weight[i] * s);
            }
            // (b - mean) * s + beta = b * s + t
            fb[o] = (float) (bias[o] * s + st[1][o]);
        }
        return new Conv(m.create(fw, ws), m.create(fb), conv.getStride(), conv.getPadding(), conv.getDilation(),
                conv.getGroups());
    }

    private static Op affine(NDManager m, BatchNorm bn) {
        double[][] st = batchNormAffine(bn);
        float[] s = new float[st[0].length];
        float[] t = new float[st[0].length];
        for (int c = 0; c < s.length; c++) {
            s[c] = (float) st[0][c];
            t[c] = (float) st[1][c];
        }
        return new Affine(m.create(s), m.create(t), axis(bn));
    }

    private static NDArray param(Block b, String name) {
        Parameter p = b.getDirectParameters().get(name);
        if (p == null || !p.isInitialized()) {
            throw new IllegalArgumentException(b.getClass().getSimpleName() + " has no initialised parameter " + name);
        }
        return p.getArray();
    }

    private static float[] array(Block b, String name) {
        return param(b, name).toFloatArray();
    }

    /** BatchNorm keeps epsilon and axis private; its defaults are 1e-5 and 1. */
    private static double epsilon(BatchNorm bn) {
        Object v = field(bn, "epsilon");
        return v instanceof Float f ? f : 1e-5;
    }

    private static int axis(BatchNorm bn) {
        Object v = field(bn, "axis");
        return v instanceof Integer i ? i : 1;
    }

    private static Object field(BatchNorm bn, String name) {
        try {
            Field f = BatchNorm.class.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(bn);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
