package org.ipb.harness.visualize;

import ai.djl.ndarray.NDArray;

/**
 * A network from its input to one read-out layer whose forward pass records input gradients
 * correctly under a DJL {@code GradientCollector}: what feature visualization differentiates.
 */
public interface DifferentiableLayer extends AutoCloseable {
    /** The layer's output for network input {@code x} (N, C, H, W), differentiable in {@code x}. */
    NDArray forward(NDArray x);

    /** How the gradient is obtained, for the run's provenance. */
    String gradientNote();

    @Override
    void close();
}
