package org.ipb.harness.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@link LayeredNet} with weights from a DJL checkpoint, read out stage by stage. */
final class DjlBlockModel extends AbstractLoadedModel {
    private final LayeredNet net;

    /** Manifest layer name → architecture stage name (they differ when the manifest sets {@code node}). */
    private final Map<String, String> stageOf;

    DjlBlockModel(String name, Model model, LayeredNet net, Shape inputShape, Map<String, String> stageOf) {
        super(name, model, inputShape);
        this.stageOf = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stageOf));
        this.net = net;
    }





    @Override
    public List<String> layers() {
        // Forward order, offering only what the manifest lists.
        return net.layerNames().stream()
                .flatMap(stage -> stageOf.entrySet().stream().filter(e -> e.getValue().equals(stage)).map(Map.Entry::getKey))
                .toList();
    }


    /** Convolutions and linear layers of the whole network ({@link FlopCount}). */
    @Override
    public long flopsPerImage() {
        Shape in = inputShape();
        return FlopCount.perImage(net.block(), new Shape(1, in.get(0), in.get(1), in.get(2)));
    }

    @Override
    public boolean canForwardFrom(String layer) {
        return true;
    }

    @Override
    public NDArray forwardFrom(String layer, NDArray layerOutput) {
        String stage = stageOf.get(layer);
        if (stage == null) {
            throw new org.ipb.core.UserError("model " + name() + " has no layer '" + layer + "'; valid layers: "
                    + String.join(", ", layers()));
        }
        return net.forwardFrom(parameters, stage, layerOutput);
    }

    @Override
    public Map<String, NDArray> readout(NDArray batch, Set<String> layers) {
        checkBatch(batch);
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

}
