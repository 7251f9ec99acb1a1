package org.ipb.harness.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@link LayeredNet} with weights from a DJL checkpoint, read out stage by stage. */
final class DjlBlockModel implements LoadedModel {
    private final String name;
    private final Model model;
    private final LayeredNet net;
    private final Shape inputShape;
    private final ParameterStore parameters;

    /** Manifest layer name → architecture stage name (they differ when the manifest sets {@code node}). */
    private final Map<String, String> stageOf;

    DjlBlockModel(String name, Model model, LayeredNet net, Shape inputShape, Map<String, String> stageOf) {
        this.name = name;
        this.stageOf = Map.copyOf(stageOf);
        this.model = model;
        this.net = net;
        this.inputShape = inputShape;
        this.parameters = new ParameterStore(model.getNDManager(), false);
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
        // Forward order, offering only what the manifest lists.
        return net.layerNames().stream()
                .flatMap(stage -> stageOf.entrySet().stream().filter(e -> e.getValue().equals(stage)).map(Map.Entry::getKey))
                .toList();
    }

    @Override
    public NDManager manager() {
        return model.getNDManager();
    }

    @Override
    public Map<String, NDArray> readout(NDArray batch, Set<String> layers) {
        Map<String, String> wanted = new java.util.HashMap<>();
        for (String l : layers) {
            String stage = stageOf.get(l);
            if (stage == null) {
                throw new IllegalArgumentException("unknown layer " + l);
            }
            wanted.put(stage, l);
        }
        Map<String, NDArray> byStage = net.readout(parameters, batch, wanted.keySet());
        Map<String, NDArray> out = new java.util.LinkedHashMap<>();
        byStage.forEach((stage, a) -> out.put(wanted.get(stage), a));
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}
