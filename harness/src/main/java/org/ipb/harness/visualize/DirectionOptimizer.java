package org.ipb.harness.visualize;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Optimises the images of one direction (Olah et al. 2017; lucid's {@code render_vis}): per step,
 * the spectra become pixels ({@link FftParameterization}), one transformation draw resamples them
 * ({@link TransformSettings}), they are normalised like natural images ({@link
 * PixelNormalization}) and the engine computes the loss and its input gradient ({@link
 * DirectionObjective}); the chain rule back to the spectra runs through the adjoints of these
 * fixed linear maps and the sigmoid, and Adam updates the spectra.
 *
 * <p>Adam (Kingma and Ba 2015) with lucid's TensorFlow defaults: lr 0.05, beta1 0.9, beta2 0.999,
 * eps 1e-8, bias-corrected. Every random choice (initial spectra, then each step's transformation
 * draw) comes from one {@code java.util.Random} seeded with {@code seed}, so the same seed gives
 * the same images on the same engine.
 */
public final class DirectionOptimizer {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPS = 1e-8;

    private DirectionOptimizer() {}

    /**
     * What an optimisation produced.
     *
     * @param pixels per image, CHW pixels in (0, 1)
     * @param trace mean objective over the batch at each step (on the transformed images, before
     *     that step's update)
     */
    public record Result(float[][] pixels, float[] trace, double seconds) {}

    /**
     * Optimises {@code settings.batch()} images of {@code channels x h x w}.
     *
     * @param maximise true to maximise the direction's objective, false to minimise it
     */
    public static Result optimise(DifferentiableLayer net, NDManager manager, float[] direction, boolean maximise,
            VisualizationSettings settings, PixelNormalization norm, int channels, int h, int w, long seed) {
        return optimise(net, manager, direction, maximise, settings, norm, channels, h, w, seed, (step, in, map, e) -> { });
    }

    /**
     * What one step saw: the network input, that step's transformation and the engine's evaluation
     * there (for the engine checks).
     */
    interface StepListener {
        void step(int step, float[] input, SamplingMap map, DirectionObjective.Evaluation evaluation);
    }

    static Result optimise(DifferentiableLayer net, NDManager manager, float[] direction, boolean maximise,
            VisualizationSettings settings, PixelNormalization norm, int channels, int h, int w, long seed,
            StepListener listener) {
        long t0 = System.nanoTime();
        FftParameterization param = new FftParameterization(channels, h, w, settings.decayPower());
        DirectionObjective objective = new DirectionObjective(net, direction, settings.centre());
        Random random = new Random(seed);
        int b = settings.batch();
        int ss = param.spectrumSize();
        int is = param.imageSize();
        float[][] spectra = new float[b][];
        for (int i = 0; i < b; i++) {
            spectra[i] = param.initialSpectrum(random);
        }
        double[][] m1 = new double[b][ss];
        double[][] m2 = new double[b][ss];
        float[] trace = new float[settings.steps()];
        Shape shape = new Shape(b, channels, h, w);
        double sign = maximise ? 1 : -1;
        for (int step = 0; step < settings.steps(); step++) {
            SamplingMap map = settings.transforms().draw(random, h, w);
            float[][] pixels = new float[b][];
            float[] input = new float[b * is];
            for (int i = 0; i < b; i++) {
                pixels[i] = param.pixels(spectra[i]);
                norm.apply(map.apply(pixels[i], channels), input, i * is);
            }
            DirectionObjective.Evaluation e = objective.evaluate(manager, input, shape, sign, settings.diversity());
            listener.step(step, input, map, e);
            double mean = 0;
            for (float o : e.objectives()) {
                mean += o;
            }
            trace[step] = (float) (mean / b);
            int t = step + 1;
            double lr = settings.learningRate() * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
            // TensorFlow's form (lucid): lr_t * m / (sqrt(v) + eps), eps being the paper's "epsilon hat".
            double eps = EPS;
            for (int i = 0; i < b; i++) {
                float[] gPixels = map.adjoint(norm.backward(e.gradient(), i * is, is), channels);
                float[] g = param.pixelsBackward(pixels[i], gPixels);
                float[] s = spectra[i];
                for (int j = 0; j < ss; j++) {
                    m1[i][j] = BETA1 * m1[i][j] + (1 - BETA1) * g[j];
                    m2[i][j] = BETA2 * m2[i][j] + (1 - BETA2) * g[j] * g[j];
                    s[j] -= (float) (lr * m1[i][j] / (Math.sqrt(m2[i][j]) + eps));
                }
            }
        }
        float[][] out = new float[b][];
        for (int i = 0; i < b; i++) {
            out[i] = param.pixels(spectra[i]);
        }
        return new Result(out, trace, (System.nanoTime() - t0) / 1e9);
    }

    /** A well-mixed seed for direction {@code index} and side from the user's seed (SplitMix64). */
    public static long seedFor(long seed, int index, boolean maximise) {
        long z = seed * 0x9E3779B97F4A7C15L + index * 2L + (maximise ? 0 : 1) + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
