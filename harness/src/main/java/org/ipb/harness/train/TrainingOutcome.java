package org.ipb.harness.train;

import java.nio.file.Path;
import java.util.List;
import org.ipb.harness.model.Architecture;

/**
 * The result of {@link ClassifierTrainer#train}: the checkpoint written and how training went.
 *
 * @param params the saved DJL checkpoint
 * @param engineVersion version of the engine's native library
 */
public record TrainingOutcome(
        Architecture architecture,
        int classes,
        int trainImages,
        List<EpochStats> history,
        Path params,
        String engineVersion,
        String device,
        double seconds) {

    public double testAccuracy() {
        return history.get(history.size() - 1).testAccuracy();
    }
}
