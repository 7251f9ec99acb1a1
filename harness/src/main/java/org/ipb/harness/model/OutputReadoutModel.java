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
            outputIndex.put(l.name(), l.node() != null && l.node().matches("\\d+") ? Integer.parseInt(l.node()) : i);
        }
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
        NDList outputs = model.getBlock().forward(parameters, new NDList(batch), false);
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
