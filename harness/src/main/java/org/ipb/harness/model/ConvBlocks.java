package org.ipb.harness.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/** The convolution stages the shipped architectures are made of. */
final class ConvBlocks {
    private ConvBlocks() {}

    /** Conv (same padding, odd kernel) → BatchNorm → ReLU; the read-out is the post-ReLU map. */
    static Block convBnRelu(int filters, int kernel) {
        return new SequentialBlock()
                .add(conv(filters, kernel, false))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
    }

    /** Conv (same padding) → ReLU, without normalisation. */
    static Block convRelu(int filters, int kernel) {
        return new SequentialBlock().add(conv(filters, kernel, true)).add(Activation.reluBlock());
    }

    private static Conv2d conv(int filters, int kernel, boolean bias) {
        int pad = kernel / 2;
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(pad, pad))
                // A bias before BatchNorm is redundant: BN's beta absorbs it.
                .optBias(bias)
                .build();
    }
}
