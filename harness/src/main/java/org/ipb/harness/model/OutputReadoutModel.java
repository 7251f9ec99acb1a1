package org.ipb.harness.model;

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
import org.ipb.core.UserError;
import org.ipb.manifest.ModelManifest;

/**
 * A model whose architecture lives in the file (TorchScript, MXNet symbol, model zoo): its
 * read-out layers are the model's outputs. Layer {@code i} of the manifest is output {@code
 * node} when {@code node} is an integer, else output {@code i}; a TorchScript module that
 * returns a tuple of intermediate tensors thereby exposes each of them (python/ipb_export.py
 * writes such a module: the named layers, then the logits).
 *
 * <p>A layer may have a tail, a second TorchScript module from that layer's output to the
 * logits; with it the model can be run from the layer on ({@link #forwardFrom}), which ablation
 * needs. At load one zero image is run through the model so that a manifest naming an output the
 * module does not return fails at once, not in the middle of an extraction.
 */
final class OutputReadoutModel extends AbstractLoadedModel {
    private final Map<String, Integer> outputIndex = new LinkedHashMap<>();
    private final Map<String, ZooModel<NDList, NDList>> tails;

    OutputReadoutModel(String name, ZooModel<NDList, NDList> model, Shape inputShape, List<ModelManifest.Layer> layers,
            Map<String, ZooModel<NDList, NDList>> tails) {
        super(name, model, inputShape);
        for (int i = 0; i < layers.size(); i++) {
            ModelManifest.Layer l = layers.get(i);
            outputIndex.put(l.name(), l.node() == null ? i : outputIndex(l));
        }
        this.tails = Map.copyOf(tails);
        checkOutputs();
    }

    private static int outputIndex(ModelManifest.Layer l) {
        if (!l.node().matches("\\d{1,6}")) {
            throw new UserError("layer " + l.name() + ": node '" + l.node()
                    + "' must be the index of one of the model's outputs (0, 1, ...)");
        }
        return Integer.parseInt(l.node());
    }

    /** Every manifest layer must be one of the outputs of the module (probed on one zero image). */
    private void checkOutputs() {
        try (NDManager scratch = manager().newSubManager()) {
            Shape in = inputShape();
            NDList outputs = forward(scratch.zeros(new Shape(1, in.get(0), in.get(1), in.get(2))));
            for (Map.Entry<String, Integer> e : outputIndex.entrySet()) {
                if (e.getValue() >= outputs.size()) {
                    throw new UserError("layer " + e.getKey() + " is output " + e.getValue() + " but the model returns "
                            + (outputs.size() == 1 ? "a single output (no named nodes)" : "only " + outputs.size()
                            + " outputs"));
                }
            }
        }
    }

    private NDList forward(NDArray batch) {
        return forward(batch, false);
    }

    private NDList forward(NDArray batch, boolean training) {
        try {
            return model().getBlock().forward(parameters, new NDList(batch), training);
        } catch (ai.djl.engine.EngineException e) {
            throw new UserError("model " + name() + ": forward pass failed: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
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
        NDList outputs = forward(batch);
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : outputIndex.entrySet()) {
            if (layers.contains(e.getKey())) {
                if (e.getValue() >= outputs.size()) {
                    throw new UserError("model " + name() + ": layer " + e.getKey() + " is output "
                            + e.getValue() + " but the model returns only " + outputs.size() + " outputs");
                }
                out.put(e.getKey(), outputs.get(e.getValue()));
            }
        }
        return out;
    }

    @Override
    public NDArray differentiableReadout(NDArray batch, String layer) {
        Integer index = outputIndex.get(layer);
        if (index == null) {
            throw new IllegalArgumentException("unknown layer " + layer);
        }
        checkBatch(batch);
        return forward(batch, true).get(index);
    }

    @Override
    public boolean canForwardFrom(String layer) {
        return tails.containsKey(layer);
    }

    @Override
    public NDArray forwardFrom(String layer, NDArray layerOutput) {
        ZooModel<NDList, NDList> tail = tails.get(layer);
        if (tail == null) {
            throw new UserError("model " + name() + " cannot be run from layer " + layer + ": its manifest names no"
                    + " tail for it (python/ipb_export.py writes one wherever the layer cuts the graph)");
        }
        try {
            return tail.getBlock().forward(new ParameterStore(tail.getNDManager(), false), new NDList(layerOutput), false).singletonOrThrow();
        } catch (ai.djl.engine.EngineException e) {
            throw new UserError("model " + name() + ": tail after " + layer + " failed: " + firstLine(e.getMessage()), e);
        }
    }

    @Override
    public void close() {
        tails.values().forEach(ZooModel::close);
        super.close();
    }
}
