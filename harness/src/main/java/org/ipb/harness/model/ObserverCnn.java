package org.ipb.harness.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/**
 * The observer network, {@code fmnist-observer}: an independently trained classifier whose
 * 256-d {@code embed} layer serves the scorers as a perceptual similarity space.
 *
 * <p>Deliberately unlike {@link FashionCnn} (wider 5x5 first layer, only two conv stages, a
 * dense bottleneck, no BatchNorm in the first stage) so that its notion of similarity is not a
 * copy of the subject network's.
 *
 * <pre>
 * conv1 48@28x28 (5x5) → pool → conv2 96@14x14 (3x3, BN) → pool → flatten → embed 256 → logits 10
 * </pre>
 */
public final class ObserverCnn implements Architecture {
    public static final String NAME = "fmnist-observer";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "observer: 2 conv stages (48 5x5, 96 3x3+BN), dense 256-d embedding, 10-way linear";
    }

    @Override
    public Shape inputShape() {
        return new Shape(1, 28, 28);
    }

    @Override
    public LayeredNet build() {
        Shape two = new Shape(2, 2);
        return new LayeredNet.Builder()
                .layer("conv1", "48 channels, 28x28, conv 5x5 + ReLU", ConvBlocks.convRelu(48, 5))
                .hidden(Pool.maxPool2dBlock(two, two))
                .layer("conv2", "96 channels, 14x14, conv 3x3 + BatchNorm + ReLU", ConvBlocks.convBnRelu(96, 3))
                .hidden(Pool.maxPool2dBlock(two, two))
                .hidden(Blocks.batchFlattenBlock())
                .layer("embed", "256-d embedding (dense + ReLU): the perceptual similarity space", new SequentialBlock()
                        .add(Linear.builder().setUnits(256).build())
                        .add(Activation.reluBlock()))
                .layer("logits", "10 class scores (before softmax)", Linear.builder().setUnits(10).build())
                .build();
    }
}
