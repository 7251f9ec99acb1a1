package org.ipb.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A model manifest ({@code "kind": "model"}); see {@code model.schema.json}.
 *
 * @param engine DJL engine name to run on by default: MXNet, PyTorch, OnnxRuntime or TensorFlow
 * @param inputShape C, H, W of one input image
 * @param classes number of output classes, or null when not a classifier / not stated
 * @param stimulusSet name of the default stimulus set, or null
 * @param sha256 digests of weight files; empty when the manifest lists none
 * @param provenance path of the training provenance sidecar, or null
 * @param preprocessing how images become this model's input (as a stimulus-set manifest states it),
 *     or null when the model does not say; stimulus sets used with the model must preprocess
 *     exactly so (python/ipb_export.py writes the torchvision transforms of the network here)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ModelManifest(
        String kind,
        String name,
        String version,
        String description,
        String engine,
        ModelSource source,
        List<Integer> inputShape,
        Integer classes,
        List<Layer> layers,
        String stimulusSet,
        Map<String, String> sha256,
        String provenance,
        StimulusSetManifest.Preprocessing preprocessing)
        implements Manifest {

    public static final String KIND = "model";

    public ModelManifest {
        description = description == null ? "" : description;
        inputShape = List.copyOf(inputShape);
        layers = List.copyOf(layers);
        sha256 = sha256 == null ? Map.of() : Map.copyOf(sha256);
    }

    /** The layer with this name, or null. */
    public Layer layer(String layerName) {
        return layers.stream().filter(l -> l.name().equals(layerName)).findFirst().orElse(null);
    }

    /**
     * A layer whose units are measured.
     *
     * @param description free text, may be null
     * @param node engine-specific node/output name when it differs from {@code name}, may be null
     * @param tail for a torchscript model: a TorchScript file running the rest of the network from
     *     this layer's output to the logits (python/ipb_export.py writes it), may be null; it lets
     *     ablation project directions out of the layer and run on
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Layer(String name, String description, String node, String tail) {
        public Layer(String name, String description, String node) {
            this(name, description, node, null);
        }
    }
}
