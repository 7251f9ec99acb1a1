package org.ipb.harness.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ipb.manifest.ModelManifest;

/**
 * A model whose architecture lives in the file (TorchScript, MXNet symbol, model zoo): its
 * read-out layers are the model's outputs. Layer {@code i} of the manifest is output {@code
 * node} when {@code node} is an integer, else output {@code i}; a TorchScript module that
 * returns a tuple of intermediate tensors thereby exposes each of them.
 */
final class OutputReadoutModel implements LoadedModel {
    private final String name;
    private final ZooModel<NDList, NDList> model;
    private final Shape inputShape;
    private final Map<String, Integer> outputIndex = new LinkedHashMap<>();
    private final ParameterStore parameters;

    OutputReadoutModel(String name, ZooModel<NDList, NDList> model, Shape inputShape, List<ModelManifest.Layer> layers) {
        this.name = name;
        this.model = model;
        this.inputShape = inputShape;
        this.parameters = new ParameterStore(model.getNDManager(), false);
        for (int i = 0; i < layers.size(); i++) {
            ModelManifest.Layer l = layers.get(i);
            outputIndex.put(l.name(), l.node() == null ? i : outputIndex(l));
        }
    }

    private static int outputIndex(ModelManifest.Layer l) {
        if (!l.node().matches("\\d{1,6}")) {
            throw new org.ipb.core.UserError("layer " + l.name() + ": node '" + l.node()
                    + "' must be the index of one of the model's outputs (0, 1, ...)");
        }
        return Integer.parseInt(l.node());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String engineName() {
        return model.getNDManager().getEngine().getEngineName();
    }

    @Override
    public Device device() {
        return model.getNDManager().getDevice();
    }

    @Override
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public List<String> layers() {
        return new ArrayList<>(outputIndex.keySet());
    }

    @Override
    public NDManager manager() {
        return model.getNDManager();
    }

    @Override
    public Map<String, NDArray> readout(NDArray batch, Set<String> layers) {
        for (String l : layers) {
            if (!outputIndex.containsKey(l)) {
                throw new IllegalArgumentException("unknown layer " + l);
            }
        }
        Shape s = batch.getShape();
        if (s.dimension() != 4 || s.get(1) != inputShape.get(0) || s.get(2) != inputShape.get(1)
                || s.get(3) != inputShape.get(2)) {
            throw new org.ipb.core.UserError("model " + name + ": batch of shape " + s + " does not match its input "
                    + inputShape);
        }
        NDList outputs;
        try {
            outputs = model.getBlock().forward(parameters, new NDList(batch), false);
        } catch (ai.djl.engine.EngineException e) {
            throw new org.ipb.core.UserError("model " + name + ": forward pass failed: " + e.getMessage(), e);
        }
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : outputIndex.entrySet()) {
            if (layers.contains(e.getKey())) {
                if (e.getValue() >= outputs.size()) {
                    throw new org.ipb.core.UserError("model " + name + ": layer " + e.getKey() + " is output "
                            + e.getValue() + " but the model returns only " + outputs.size() + " outputs");
                }
                out.put(e.getKey(), outputs.get(e.getValue()));
            }
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}
