package org.ipb.harness.visualize;

import ai.djl.ndarray.NDArray;
import org.ipb.harness.model.LoadedModel;

/**
 * A TorchScript model's read-out layer, differentiated by PyTorch's own autograd. The module
 * python/ipb_export.py writes was traced in eval mode, so BatchNorm applies its running
 * statistics and dropout is off inside the graph whatever DJL's training flag says; nothing has to
 * be folded (the MXNet problem {@link FoldedNetwork} works around does not arise).
 */
final class TorchScriptLayer implements DifferentiableLayer {
    private final LoadedModel model;
    private final String layer;

    TorchScriptLayer(LoadedModel model, String layer) {
        this.model = model;
        this.layer = layer;
    }

    @Override
    public NDArray forward(NDArray x) {
        return model.differentiableReadout(x, layer);
    }

    @Override
    public String gradientNote() {
        return "PyTorch autograd through the TorchScript module (traced in eval mode: BatchNorm with running"
                + " statistics, no dropout)";
    }

    /** The model belongs to the caller. */
    @Override
    public void close() {
    }
}
