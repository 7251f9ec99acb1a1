package org.ipb.harness.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
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
final class OutputReadoutModel extends AbstractLoadedModel {
    private final Map<String, Integer> outputIndex = new LinkedHashMap<>();

    OutputReadoutModel(String name, ZooModel<NDList, NDList> model, Shape inputShape, List<ModelManifest.Layer> layers) {
        super(name, model, inputShape);
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
    public List<String> layers() {
        return new ArrayList<>(outputIndex.keySet());
    }


    @Override
    public Map<String, NDArray> readout(NDArray batch, Set<String> layers) {
        for (String l : layers) {
            if (!outputIndex.containsKey(l)) {
                throw new IllegalArgumentException("unknown layer " + l);
            }
        }
        checkBatch(batch);
        NDList outputs;
        try {
            outputs = model().getBlock().forward(parameters, new NDList(batch), false);
        } catch (ai.djl.engine.EngineException e) {
            throw new org.ipb.core.UserError("model " + name() + ": forward pass failed: " + e.getMessage(), e);
        }
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : outputIndex.entrySet()) {
            if (layers.contains(e.getKey())) {
                if (e.getValue() >= outputs.size()) {
                    throw new org.ipb.core.UserError("model " + name() + ": layer " + e.getKey() + " is output "
                            + e.getValue() + " but the model returns only " + outputs.size() + " outputs");
                }
                out.put(e.getKey(), outputs.get(e.getValue()));
            }
        }
        return out;
    }

}
