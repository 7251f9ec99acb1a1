package org.ipb.harness.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.ipb.core.UserError;

/**
 * What every {@link LoadedModel} shares: a name, a DJL {@link Model} that owns the weights and
 * the manager on the chosen device, the input shape, and an inference-mode parameter store.
 * Subclasses only say which layers exist and how to read them out.
 */
abstract class AbstractLoadedModel implements LoadedModel {
    private final String name;
    private final Model model;
    private final Shape inputShape;
    /** Inference mode; the weights stay on the model's device, nothing is copied. */
    protected final ParameterStore parameters;

    AbstractLoadedModel(String name, Model model, Shape inputShape) {
        this.name = name;
        this.model = model;
        this.inputShape = inputShape;
        this.parameters = new ParameterStore(model.getNDManager(), false);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String engineName() {
        return model.getNDManager().getEngine().getEngineName();
    }

    @Override
    public final Device device() {
        return model.getNDManager().getDevice();
    }

    @Override
    public final Shape inputShape() {
        return inputShape;
    }

    @Override
    public final NDManager manager() {
        return model.getNDManager();
    }

    /**
     * A batch must be (N, C, H, W) with this model's C, H, W; engines report a mismatch deep in
     * native code with a multi-line trace, so check it here and say it in one line.
     */
    protected final void checkBatch(NDArray batch) {
        Shape s = batch.getShape();
        if (s.dimension() != 4 || s.get(1) != inputShape.get(0) || s.get(2) != inputShape.get(1)
                || s.get(3) != inputShape.get(2)) {
            throw new UserError("model " + name + ": batch of shape " + s + " does not match its input " + inputShape);
        }
    }

    /** The DJL model, for subclasses that need its block. */
    protected final Model model() {
        return model;
    }

    @Override
    public void close() {
        model.close();
    }
}
