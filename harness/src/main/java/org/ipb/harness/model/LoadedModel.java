package org.ipb.harness.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model ready for read-out: whatever its source (DJL block checkpoint, TorchScript, model zoo),
 * it maps a batch of preprocessed images to the outputs of named layers.
 */
public interface LoadedModel extends AutoCloseable {
    /** Name from the model manifest. */
    String name();

    /** DJL engine running it ("MXNet", "PyTorch", ...). */
    String engineName();

    /** Device the forward pass runs on. */
    Device device();

    /** Input shape of one image, (C, H, W). */
    Shape inputShape();

    /** Layers that {@link #readout} accepts: forward order for djl-block models, manifest order otherwise. */
    List<String> layers();

    /** Manager on the model's device; batches are created in sub-managers of it. */
    NDManager manager();

    /**
     * Runs one batch (N, C, H, W) through the model in inference mode and returns the outputs of
     * the requested layers, keyed in forward order. Outputs belong to the batch's manager.
     */
    Map<String, NDArray> readout(NDArray batch, Set<String> layers);

    /**
     * Floating-point operations of one image's forward pass through the whole network
     * ({@link FlopCount}), or -1 when the model cannot be inspected (TorchScript, MXNet symbol).
     */
    default long flopsPerImage() {
        return -1;
    }

    /**
     * The output of {@code layer} for {@code batch} with the engine recording gradients (inside a
     * DJL {@code GradientCollector}), for torchscript models: DJL runs an inference-mode forward
     * without autograd, so this runs the module in DJL's training mode, which changes nothing in a
     * module traced in eval mode (python/ipb_export.py traces so; BatchNorm and dropout are fixed
     * in the graph). Other models throw a {@link org.ipb.core.UserError}.
     */
    default NDArray differentiableReadout(NDArray batch, String layer) {
        throw new org.ipb.core.UserError("model " + name() + " offers no differentiable read-out");
    }

    /**
     * Whether {@link #forwardFrom} works at {@code layer}: for djl-block models at every read-out
     * layer (their stages can be run from any of them on), for torchscript models at the layers
     * whose manifest entry names a tail.
     */
    default boolean canForwardFrom(String layer) {
        return false;
    }

    /**
     * Runs the part of the model after read-out layer {@code layer} on an output of that layer
     * (possibly modified, same shape) and returns the model's output. Reading out {@code layer}
     * and passing its output here reproduces the whole forward pass. Where {@link
     * #canForwardFrom} is false the default throws a {@link org.ipb.core.UserError}.
     */
    default NDArray forwardFrom(String layer, NDArray layerOutput) {
        throw new org.ipb.core.UserError("model " + name() + " cannot be run from layer " + layer
                + ": only djl-block models, and torchscript models whose layer names a tail, can");
    }

    @Override
    void close();
}
