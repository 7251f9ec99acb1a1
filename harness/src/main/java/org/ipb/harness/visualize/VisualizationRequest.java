package org.ipb.harness.visualize;

import java.nio.file.Path;
import java.util.List;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.ModelManifest;
import org.ipb.manifest.StimulusSetManifest;

/**
 * What {@link FeatureVisualizer} should do.
 *
 * @param model a djl-block model manifest
 * @param stimuli the stimulus set whose preprocessing the optimised images go through and, unless
 *     {@code activations} is given, whose images give the best natural exemplar
 * @param layer read-out layer (a model manifest layer name)
 * @param directions K x C directions file
 * @param indices rows of {@code directions} to visualise; empty means all
 * @param settings optimisation settings
 * @param minimize also optimise the minimising image of each direction
 * @param seed seed of every random choice
 * @param engine engine override, or null for the manifest's engine
 * @param device "auto", "cpu" or "gpu"
 * @param activations N x C spatially averaged activations of {@code layer} ({@code ipb extract}),
 *     or null to run {@code stimuli} through the model
 * @param upscale also write copies enlarged by this factor (nearest neighbour); 0 or 1 for none
 * @param out output folder
 */
public record VisualizationRequest(ManifestFile<ModelManifest> model, ManifestFile<StimulusSetManifest> stimuli,
        String layer, Path directions, List<Integer> indices, VisualizationSettings settings, boolean minimize,
        long seed, String engine, String device, Path activations, int upscale, Path out) {
    public VisualizationRequest {
        // A model that states its preprocessing (an exported torchvision network) gets its images so.
        stimuli = org.ipb.manifest.Manifests.asInputTo(stimuli, model.manifest());
        indices = List.copyOf(indices);
    }
}
