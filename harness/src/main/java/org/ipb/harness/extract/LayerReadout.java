package org.ipb.harness.extract;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.ipb.core.UserError;
import org.ipb.harness.model.LoadedModel;

/**
 * The read-out of layers as {@code ipb extract} records them: one forward pass of a batch, and per
 * layer its (N, C) matrix, the mean over the spatial positions of each channel for a (N, C, H, W)
 * layer and the output itself for a (N, C) one.
 *
 * <p>Extraction, the network observer and the natural activations of feature visualization all
 * read layers through this class, so an observer's embedding and a visualization's natural
 * exemplar are bit for bit the rows of the extracted {@code <layer>.npy}. The arrays belong to the
 * batch's manager.
 */
public final class LayerReadout {
    private LayerReadout() {
    }

    /**
     * Runs {@code batch} (N, C, H, W) through {@code model} once and returns the requested layers,
     * keyed in forward order.
     *
     * @throws UserError if a layer's output is neither (N, C) nor (N, C, H, W)
     */
    public static Map<String, Layer> read(LoadedModel model, NDArray batch, Collection<String> layers) {
        Map<String, NDArray> outputs = model.readout(batch, new LinkedHashSet<>(layers));
        Map<String, Layer> read = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : outputs.entrySet()) {
            read.put(e.getKey(), new Layer(e.getKey(), e.getValue()));
        }
        return read;
    }

    /** The (N, C) matrix of one layer for {@code batch}; see {@link #read}. */
    public static NDArray means(LoadedModel model, NDArray batch, String layer) {
        return read(model, batch, Set.of(layer)).get(layer).means();
    }

    /** One layer's output for a batch. */
    public static final class Layer {
        private final String name;
        private final NDArray output;
        private NDArray means;

        Layer(String name, NDArray output) {
            long dims = output.getShape().dimension();
            if (dims != 2 && dims != 4) {
                throw new UserError("layer " + name + " has output shape " + output.getShape()
                        + "; only (N, C) and (N, C, H, W) layers can be read out");
            }
            this.name = name;
            this.output = output;
        }

        public String name() {
            return name;
        }

        /** The layer's output as the model gives it: (N, C, H, W) maps or (N, C). */
        public NDArray output() {
            return output;
        }

        public Shape shape() {
            return output.getShape();
        }

        /** Whether the output has spatial positions (N, C, H, W), which {@link #means} averages. */
        public boolean spatial() {
            return output.getShape().dimension() == 4;
        }

        public long channels() {
            return output.getShape().get(1);
        }

        /**
         * (N, C): the spatial mean of each channel, or the output itself for a (N, C) layer.
         * Computed on first call, so a caller that only needs the maps runs no reduction.
         */
        public NDArray means() {
            if (means == null) {
                if (spatial()) {
                    // (N, C, H*W) then one axis: PyTorch's DJL binding averages over one axis at a
                    // time only. The published activations were computed so; keep these two ops.
                    Shape sh = output.getShape();
                    means = output.reshape(sh.get(0), sh.get(1), -1).mean(new int[] {2});
                } else {
                    means = output;
                }
            }
            return means;
        }
    }
}
