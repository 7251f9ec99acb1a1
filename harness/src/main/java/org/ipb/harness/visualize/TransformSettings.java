package org.ipb.harness.visualize;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Transformation robustness (lucid {@code transform.standard_transforms}): before every step the
 * image is padded with a constant, jittered, scaled, rotated and jittered again, so that the
 * optimised pattern must survive small shifts, zooms and rotations.
 *
 * <p>The pixel amounts are lucid's, given for its default 128-pixel render, and scaled to the
 * model's input by {@code max(H, W) / referenceSize}: on a 28 x 28 input the pad of 12 becomes
 * 2.6 pixels, the jitters 1.75 and 0.875 pixels (a pad of 12 on a 28-pixel image would show the
 * network mostly padding). Jitter offsets are therefore continuous, uniform in {@code [0, d]}.
 *
 * <p>All five transformations, and the final resize of the jittered crop back to the input size,
 * are affine maps of pixel coordinates, so one draw composes them into one affine map and samples
 * the image once, bilinearly ({@link SamplingMap}), with the pad value for what falls outside the
 * image. This is the same geometry as lucid's chain of crops and resamplings, with one
 * interpolation instead of three. One draw is shared by every image of a batch, as lucid's ops
 * transform the batch tensor as a whole.
 *
 * @param pad constant padding on every side, in reference pixels
 * @param padValue the padding's pixel value (lucid: 0.5)
 * @param jitter1 first jitter: a random crop this much smaller, in reference pixels
 * @param scales scale factors drawn uniformly
 * @param anglesDegrees rotation angles drawn uniformly (repeats weight a value)
 * @param jitter2 second jitter, in reference pixels
 * @param referenceSize image size the pixel amounts are given for
 */
public record TransformSettings(double pad, double padValue, double jitter1, List<Double> scales,
        List<Double> anglesDegrees, double jitter2, double referenceSize) {

    /** lucid's reference render size for the pixel amounts. */
    public static final double LUCID_RENDER_SIZE = 128;

    public TransformSettings {
        scales = List.copyOf(scales);
        anglesDegrees = List.copyOf(anglesDegrees);
        if (scales.isEmpty() || anglesDegrees.isEmpty() || referenceSize <= 0 || pad < 0 || jitter1 < 0 || jitter2 < 0) {
            throw new IllegalArgumentException("bad transform settings");
        }
    }

    /**
     * lucid's standard transforms: pad 12 (value 0.5), jitter 8, scale 1 + (i - 5)/50 for i in
     * 0..10 (0.90 to 1.10), rotate by -10..10 degrees with 0 five more times, jitter 4.
     */
    public static TransformSettings lucid() {
        List<Double> scales = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            scales.add(1 + (i - 5) / 50.0);
        }
        List<Double> angles = new ArrayList<>();
        for (int a = -10; a <= 10; a++) {
            angles.add((double) a);
        }
        for (int i = 0; i < 5; i++) {
            angles.add(0.0);
        }
        return new TransformSettings(12, 0.5, 8, scales, angles, 4, LUCID_RENDER_SIZE);
    }

    /** No transformation: every draw is the identity. */
    public static TransformSettings none() {
        return new TransformSettings(0, 0.5, 0, List.of(1.0), List.of(0.0), 0, LUCID_RENDER_SIZE);
    }

    /**
     * One random draw for an {@code h x w} image, as a sampling map from the (unpadded) image to
     * the transformed image of the same size. Draw order: first jitter (x, y), scale, angle,
     * second jitter (x, y).
     */
    public SamplingMap draw(Random random, int h, int w) {
        double f = Math.max(h, w) / referenceSize;
        double p = pad * f;
        double d1 = jitter1 * f;
        double d2 = jitter2 * f;
        double o1x = random.nextDouble() * d1;
        double o1y = random.nextDouble() * d1;
        double s = scales.get(random.nextInt(scales.size()));
        double theta = Math.toRadians(anglesDegrees.get(random.nextInt(anglesDegrees.size())));
        double o2x = random.nextDouble() * d2;
        double o2y = random.nextDouble() * d2;
        // Sizes after pad, first jitter, scale (rotation keeps it), second jitter.
        double s1x = w + 2 * p - d1;
        double s1y = h + 2 * p - d1;
        double s2x = s * s1x;
        double s2y = s * s1y;
        double s4x = s2x - d2;
        double s4y = s2y - d2;
        // Output (u, v) -> final crop coordinates -> rotated image -> scaled -> padded -> image.
        // x4 = u * s4x / w; x3 = x4 + o2x; x2 = c + R(-theta)(x3 - c); x1 = x2 / s; x0 = x1 + o1x - p.
        double cx = s2x / 2;
        double cy = s2y / 2;
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double ax = s4x / w;
        double ay = s4y / h;
        // x3 = ax*u + o2x ; y3 = ay*v + o2y
        // x2 = cx + cos*(x3-cx) + sin*(y3-cy) ; y2 = cy - sin*(x3-cx) + cos*(y3-cy)
        double[] a = new double[6];
        a[0] = cos * ax / s;
        a[1] = sin * ay / s;
        a[2] = (cx + cos * (o2x - cx) + sin * (o2y - cy)) / s + o1x - p;
        a[3] = -sin * ax / s;
        a[4] = cos * ay / s;
        a[5] = (cy - sin * (o2x - cx) + cos * (o2y - cy)) / s + o1y - p;
        return SamplingMap.affine(h, w, a, (float) padValue);
    }
}
