package org.ipb.harness.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/**
 * The embedded default subject network, {@code fmnist-cnn}: four conv blocks with BatchNorm on
 * 28x28 grey images.
 *
 * <pre>
 * conv1 32@28x28 → pool → conv2 64@14x14 → pool → conv3 128@7x7 → conv4 128@7x7 → GAP → logits 10
 * </pre>
 *
 * <p>Global average pooling before the classifier keeps every conv4 channel a candidate "unit"
 * whose spatial mean is exactly what the classifier sees.
 */
public final class FashionCnn implements Architecture {
    public static final String NAME = "fmnist-cnn";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "4 conv blocks (32-64-128-128) with BatchNorm, global average pooling, 10-way linear";
    }

    @Override
    public Shape inputShape() {
        return new Shape(1, 28, 28);
    }

    @Override
    public LayeredNet build() {
        Shape two = new Shape(2, 2);
        return new LayeredNet.Builder()
                .layer("conv1", "32 channels, 28x28, conv 3x3 + BatchNorm + ReLU", ConvBlocks.convBnRelu(32, 3))
                .hidden(Pool.maxPool2dBlock(two, two))
                .layer("conv2", "64 channels, 14x14, conv 3x3 + BatchNorm + ReLU", ConvBlocks.convBnRelu(64, 3))
                .hidden(Pool.maxPool2dBlock(two, two))
                .layer("conv3", "128 channels, 7x7, conv 3x3 + BatchNorm + ReLU", ConvBlocks.convBnRelu(128, 3))
                .layer("conv4", "128 channels, 7x7, conv 3x3 + BatchNorm + ReLU; its spatial mean feeds the classifier", ConvBlocks.convBnRelu(128, 3))
                .hidden(Pool.globalAvgPool2dBlock())
                .layer("logits", "10 class scores (before softmax)", Linear.builder().setUnits(10).build())
                .build();
    }
}
