package org.ipb.harness.visualize;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link FeatureVisualizer} wrote.
 *
 * @param json {@code visualizations.json} in the committed output folder
 * @param fractionExceeding fraction of directions whose maximising image activates the direction
 *     more than the best natural exemplar does
 * @param secondsPerDirection optimisation seconds per direction (maximising and, if asked,
 *     minimising images together)
 */
public record VisualizationResult(Path out, Path json, String engine, String layer, List<DirectionOutcome> directions,
        double fractionExceeding, double secondsPerDirection, double naturalSeconds, double totalSeconds) {
    public VisualizationResult {
        directions = List.copyOf(directions);
    }

    /**
     * One direction's outcome.
     *
     * @param maxActivation spatial mean of the projection reached by the best maximising image
     * @param minActivation the same for the minimising image (NaN when not asked)
     * @param bestNatural the largest spatial-mean projection over the natural stimuli
     * @param leastNatural the smallest one
     */
    public record DirectionOutcome(int index, double maxActivation, double minActivation, double bestNatural,
            double leastNatural, double seconds) {
        /** Whether the maximising image beats the best natural exemplar. */
        public boolean exceeds() {
            return maxActivation > bestNatural;
        }
    }
}
