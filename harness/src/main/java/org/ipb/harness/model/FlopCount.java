package org.ipb.harness.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;

/**
 * Floating-point operations of one image's forward pass through a DJL block: 2 per
 * multiply-accumulate of every convolution (output elements x input channels per group x kernel
 * size) and every linear layer (outputs x inputs), the convention of FLOP tables for CNNs (e.g.
 * He et al. 2016, Table 1, counted as multiply-adds there). Normalisation, activations, pooling
 * and biases are left out: they are memory-bound and a few percent of the total.
 */
public final class FlopCount {
    private FlopCount() {}

    /**
     * @param block an initialised block
     * @param input one image's input shape with a batch axis of 1, e.g. (1, C, H, W)
     */
    public static long perImage(Block block, Shape input) {
        return count(block, new Shape[] {input});
    }

    private static long count(Block block, Shape[] in) {
        if (block instanceof SequentialBlock seq) {
            long total = 0;
            Shape[] s = in;
            for (Block child : seq.getChildren().values()) {
                total += count(child, s);
                s = child.getOutputShapes(s);
            }
            return total;
        }
        if (block instanceof Convolution conv) {
            Shape out = conv.getOutputShapes(in)[0];
            Shape w = conv.getParameters().get("weight").getArray().getShape();
            long perOutput = w.size() / w.get(0); // input channels per group x kernel elements
            return 2 * (out.size() / out.get(0)) * perOutput;
        }
        if (block instanceof Linear linear) {
            Shape w = linear.getParameters().get("weight").getArray().getShape();
            Shape x = in[0];
            long rows = x.size() / x.get(x.dimension() - 1) / x.get(0); // positions per image (1 for (N, F))
            return 2 * rows * w.size();
        }
        long total = 0;
        for (Block child : block.getChildren().values()) {
            // Other containers: their children in order, as a sequence (no branching blocks in the shipped models).
            total += count(child, in);
            in = child.getOutputShapes(in);
        }
        return total;
    }
}
