package org.ipb.harness.directions;

/**
 * K unit-norm directions in a C-dimensional activation space (row-major K x C), each signed so
 * that its largest-magnitude projection over the stimuli is positive, with the fit's report.
 */
public record DirectionSet(float[] directions, int k, int c, DirectionReport report) {

    /** Row {@code i} as a new array. */
    public float[] direction(int i) {
        float[] d = new float[c];
        System.arraycopy(directions, i * c, d, 0, c);
        return d;
    }
}
