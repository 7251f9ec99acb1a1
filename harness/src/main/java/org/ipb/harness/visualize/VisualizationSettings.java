package org.ipb.harness.visualize;

/**
 * How one direction is optimised.
 *
 * @param steps Adam steps (lucid's default render: 512)
 * @param learningRate Adam's learning rate (lucid: 0.05)
 * @param batch images optimised together (more than 1 with a diversity term gives diverse images)
 * @param diversity weight of lucid's diversity term (only with {@code batch > 1})
 * @param centre optimise the centre position of the projection instead of its spatial mean
 * @param transforms transformation robustness
 * @param decayPower exponent of the 1/f spectrum scale (lucid: 1)
 */
public record VisualizationSettings(int steps, double learningRate, int batch, double diversity, boolean centre,
        TransformSettings transforms, double decayPower) {

    public static final int DEFAULT_STEPS = 512;
    public static final double DEFAULT_LEARNING_RATE = 0.05;

    public VisualizationSettings {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0");
        }
        if (!(learningRate > 0) || batch < 1 || !Double.isFinite(diversity) || !(decayPower >= 0)) {
            throw new IllegalArgumentException("bad visualization settings");
        }
    }

    /** lucid's defaults: 512 steps, lr 0.05, one image, spatial mean, standard transforms, decay 1. */
    public static VisualizationSettings lucid() {
        return new VisualizationSettings(DEFAULT_STEPS, DEFAULT_LEARNING_RATE, 1, 0, false, TransformSettings.lucid(), 1);
    }

    public VisualizationSettings withSteps(int s) {
        return new VisualizationSettings(s, learningRate, batch, diversity, centre, transforms, decayPower);
    }

    public VisualizationSettings withTransforms(TransformSettings t) {
        return new VisualizationSettings(steps, learningRate, batch, diversity, centre, t, decayPower);
    }
}
