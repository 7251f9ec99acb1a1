package org.ipb.harness.visualize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/**
 * The objective of one direction on a {@link DifferentiableLayer}, evaluated with its gradient with
 * respect to the network input by DJL's {@code GradientCollector} on the network's engine.
 *
 * <p>The layer output {@code A} (B, C, h, w) is projected on the direction {@code d}:
 * {@code p = sum_c d_c A[:, c]}; the objective of image {@code b} is the spatial mean of
 * {@code p[b]} or, with {@code centre}, its value at {@code (h/2, w/2)} (lucid's {@code channel}
 * and {@code neuron} objectives with a direction instead of a unit). A 2-D layer output (B, C) is
 * projected directly. The loss that is minimised is
 *
 * <pre>
 * loss = -sign * sum_b objective_b + diversityWeight * diversity
 * </pre>
 *
 * with sign +1 to maximise and -1 to minimise, and lucid's {@code diversity} term: the mean over
 * images of the summed cosine similarity of its layer Gram matrix with the other images' ones.
 */
public final class DirectionObjective {
    private final DifferentiableLayer net;
    private final float[] direction;
    private final boolean centre;

    public DirectionObjective(DifferentiableLayer net, float[] direction, boolean centre) {
        this.net = net;
        this.direction = direction.clone();
        this.centre = centre;
    }

    /**
     * The objective per image, the diversity and {@code d loss / d input}.
     *
     * @param input B x C x H x W network input (normalised), row-major
     */
    public record Evaluation(float[] objectives, double diversity, double loss, float[] gradient) {}

    /** Evaluates the loss at {@code input} (shape {@code shape}) and its gradient. */
    public Evaluation evaluate(NDManager parent, float[] input, Shape shape, double sign, double diversityWeight) {
        try (NDManager m = parent.newSubManager()) {
            NDArray x = m.create(input, shape);
            x.setRequiresGradient(true);
            NDArray objectives;
            NDArray diversity = null;
            NDArray loss;
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray act = net.forward(x);
                objectives = objectives(m, act);
                loss = objectives.sum().mul((float) -sign);
                int b = (int) shape.get(0);
                if (diversityWeight != 0 && b > 1) {
                    diversity = diversity(act);
                    loss = loss.add(diversity.mul((float) diversityWeight));
                }
                gc.backward(loss);
            }
            return new Evaluation(objectives.toFloatArray(), diversity == null ? 0 : diversity.getFloat(),
                    loss.getFloat(), x.getGradient().toFloatArray());
        }
    }

    /** The objective per image of {@code act}, a layer output. */
    NDArray objectives(NDManager m, NDArray act) {
        Shape s = act.getShape();
        if (s.get(1) != direction.length) {
            throw new IllegalArgumentException("layer has " + s.get(1) + " channels, direction " + direction.length);
        }
        if (s.dimension() == 2) {
            return act.matMul(m.create(direction, new Shape(direction.length, 1))).reshape(s.get(0));
        }
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("layer output of shape " + s + " is neither (N, C) nor (N, C, H, W)");
        }
        NDArray d = m.create(direction, new Shape(1, direction.length, 1, 1));
        NDArray p = act.mul(d).sum(new int[] {1}); // (B, h, w)
        if (centre) {
            long hh = s.get(2) / 2;
            long ww = s.get(3) / 2;
            return p.get(":, " + hh + ", " + ww);
        }
        // One axis at a time: PyTorch's DJL binding averages over one axis only.
        return p.reshape(s.get(0), -1).mean(new int[] {1});
    }

    /** lucid's diversity of a batch of layer outputs (B, C, h, w) or (B, C). */
    static NDArray diversity(NDArray act) {
        Shape s = act.getShape();
        long b = s.get(0);
        long c = s.get(1);
        NDArray f = s.dimension() == 4 ? act.reshape(b, c, -1) : act.reshape(b, c, 1); // (B, C, hw)
        NDArray gram = f.matMul(f.transpose(0, 2, 1)).reshape(b, c * c); // (B, C*C)
        NDArray norm = gram.square().sum(new int[] {1}, true).add(1e-20f).sqrt();
        NDArray g = gram.div(norm);
        NDArray total = g.sum(new int[] {0});
        return total.square().sum().sub(g.square().sum()).div((float) b);
    }
}
