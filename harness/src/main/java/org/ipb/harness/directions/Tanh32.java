package org.ipb.harness.directions;

/**
 * tanh over float32 arrays in plain arithmetic that HotSpot's C2 vectorises, for FastICA's
 * contrast derivative g(u) = tanh(u) ({@link IcaDirections}): an odd rational approximation on
 * the half argument, tanh(x/2) ≈ h = (x/2) P((x/2)²) / Q((x/2)²), then the doubling identity
 * tanh(x) = 2h / (1 + h²); |x| is clamped at 9 (beyond it the result stays 0.99999994, 1 ulp
 * below tanh's rounded ±1).
 *
 * <p>P (degree 5 in (x/2)²) and Q (degree 3, Q(0) = 1) are a minimax fit of the relative error of
 * tanh on [0, 4.5] by the differential-correction linear programme (Cheney &amp; Loeb 1961),
 * reproducible with {@code harness/bench/tanh_fit.py}: 3.4e-10 in exact arithmetic. Evaluated in
 * float32, the result is within 4.6 units in the last place of the correctly rounded tanh (checked
 * over every float in [0, 9.5]; mean 0.4 ulp on a uniform grid, numpy's float32 tanh: max 1.4,
 * mean 0.37), far below the rounding of the float32 products that use it. Only +, -, ×, ÷, min
 * and max, in a fixed order: the same bits on every machine.
 */
final class Tanh32 {
    private Tanh32() {}

    private static final float CLAMP = 9f;
    private static final float P0 = 1.0f;
    private static final float P1 = 0.13158454f;
    private static final float P2 = 0.0031874008f;
    private static final float P3 = 1.2026937e-05f;
    private static final float P4 = -2.346499e-08f;
    private static final float P5 = 5.9398625e-11f;
    private static final float Q1 = 0.46491787f;
    private static final float Q2 = 0.024826692f;
    private static final float Q3 = 0.00026679508f;

    /** {@code a[i] = tanh(a[i])} for i in [from, to). */
    static void inPlace(float[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = of(a[i]);
        }
    }

    /** tanh(x) as {@link #inPlace} computes it. */
    static float of(float x) {
        float h = Math.max(-CLAMP, Math.min(CLAMP, x)) * 0.5f;
        float u = h * h;
        float p = ((((P5 * u + P4) * u + P3) * u + P2) * u + P1) * u + P0;
        float q = ((Q3 * u + Q2) * u + Q1) * u + 1f;
        float t = h * p / q;
        return Math.max(-1f, Math.min(1f, (t + t) / (t * t + 1f)));
    }
}
