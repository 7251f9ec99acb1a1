package org.ipb.harness.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A network built as a sequence of stages, some of which carry a read-out name.
 *
 * <p>DJL's {@link SequentialBlock} only returns its last output; to read intermediate layers we
 * run the stages one by one and keep the outputs whose names are asked for. Running the same
 * blocks stage by stage is numerically identical to the whole block's forward pass.
 */
public final class LayeredNet {
    private final SequentialBlock block;
    private final List<String> stageNames;
    private final Map<String, String> descriptions;

    private LayeredNet(SequentialBlock block, List<String> stageNames, Map<String, String> descriptions) {
        this.block = block;
        this.descriptions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(descriptions));
        this.stageNames = java.util.Collections.unmodifiableList(new ArrayList<>(stageNames));
    }

    /** The whole network as one DJL block (what is trained, saved and loaded). */
    public SequentialBlock block() {
        return block;
    }

    /** Names of the stages that can be read out, in forward order. */
    public List<String> layerNames() {
        List<String> names = new ArrayList<>();
        for (String n : stageNames) {
            if (n != null) {
                names.add(n);
            }
        }
        return names;
    }

    /**
     * The read-out name of every stage, in forward order, {@code null} for hidden stages: index
     * {@code i} names {@code block().getChildren()} entry {@code i}.
     */
    public List<String> stageNames() {
        return stageNames;
    }

    /** What each read-out layer is (shape, what precedes it), for manifests and listings. */
    public String description(String layer) {
        return descriptions.get(layer);
    }

    /**
     * Runs the stages in order and returns the outputs of the {@code wanted} layers (in forward
     * order). Stops after the last wanted layer, so reading early layers is cheap.
     */
    public Map<String, NDArray> readout(ParameterStore ps, NDArray input, Set<String> wanted) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        NDList current = new NDList(input);
        List<Block> stages = new ArrayList<>(block.getChildren().values());
        for (int i = 0; i < stages.size() && out.size() < wanted.size(); i++) {
            current = stages.get(i).forward(ps, current, false);
            String name = stageNames.get(i);
            if (name != null && wanted.contains(name)) {
                out.put(name, current.singletonOrThrow());
            }
        }
        return out;
    }

    /**
     * Runs the stages after the read-out layer {@code layer} on {@code layerOutput} (an output of
     * that layer, possibly modified) and returns the network output. {@code readout} up to a layer
     * followed by this method is exactly the whole forward pass: the same blocks run in the same
     * order. For the last stage the given output is returned as it is.
     *
     * @throws IllegalArgumentException if no stage carries the read-out name {@code layer}
     */
    public NDArray forwardFrom(ParameterStore ps, String layer, NDArray layerOutput) {
        int at = layer == null ? -1 : stageNames.indexOf(layer);
        if (at < 0) {
            throw new IllegalArgumentException("unknown layer " + layer + "; valid layers: " + String.join(", ", layerNames()));
        }
        NDList current = new NDList(layerOutput);
        List<Block> stages = new ArrayList<>(block.getChildren().values());
        for (int i = at + 1; i < stages.size(); i++) {
            current = stages.get(i).forward(ps, current, false);
        }
        return current.singletonOrThrow();
    }

    /** Builder that names stages as they are added. */
    public static final class Builder {
        private final SequentialBlock block = new SequentialBlock();
        private final List<String> names = new ArrayList<>();
        private final Map<String, String> descriptions = new LinkedHashMap<>();

        /** Adds a stage whose output can be read out under {@code name}. */
        public Builder layer(String name, String description, Block stage) {
            Objects.requireNonNull(name);
            if (names.contains(name)) {
                throw new IllegalArgumentException("duplicate layer name " + name);
            }
            block.add(stage);
            names.add(name);
            descriptions.put(name, description);
            return this;
        }

        /** Adds a stage that is not offered for read-out (pooling, flattening). */
        public Builder hidden(Block stage) {
            block.add(stage);
            names.add(null);
            return this;
        }

        public LayeredNet build() {
            return new LayeredNet(block, names, descriptions);
        }
    }
}
