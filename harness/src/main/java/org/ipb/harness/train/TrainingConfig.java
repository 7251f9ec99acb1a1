package org.ipb.harness.train;

/**
 * Hyper-parameters of one classifier training run; all of them go into the provenance file.
 *
 * @param architecture name in {@link org.ipb.harness.model.Architectures}
 * @param modelName name of the model manifest to write (defaults to the architecture's)
 * @param engine DJL engine to train on
 * @param epochs passes over the training set
 * @param batchSize images per optimiser step
 * @param learningRate Adam's initial step size; decays along a cosine to 1 % of it
 * @param seed seeds the engine's initialisers and the shuffling of the training set
 * @param limit train on the first {@code limit} images only (0 = all), for quick checks
 */
public record TrainingConfig(
        String architecture,
        String modelName,
        String engine,
        int epochs,
        int batchSize,
        float learningRate,
        int seed,
        int limit) {

    public TrainingConfig {
        if (epochs < 1 || batchSize < 1 || learningRate <= 0 || limit < 0) {
            throw new org.ipb.core.UserError("training: epochs, batch size and learning rate must be positive");
        }
    }
}
