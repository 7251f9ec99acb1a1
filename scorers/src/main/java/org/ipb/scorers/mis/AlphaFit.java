package org.ipb.scorers.mis;

/**
 * Fits the MIS slope α to human 2-AFC responses: the maximum-likelihood α of the model
 * P(correct | task) = sigmoid(α · delta_task) used by {@link MachineInterpretabilityScore}
 * (Zimmermann, Klindt &amp; Brendel 2024 fit the same one-parameter psychometric link to human
 * data). The log-likelihood Σ [c log σ(αδ) + (1 - c) log(1 - σ(αδ))] is concave in α, so
 * Newton's method from α = 0 converges; with separable data (every response explained by the
 * sign of delta) the maximum is at infinity and the fit stops at {@code maxAlpha}.
 */
public final class AlphaFit {
    /** Fitted slope, its standard error from the observed information, and the iterations used. */
    public record Result(double alpha, double standardError, int iterations, boolean atBound) {}

    private AlphaFit() {}

    public static Result fit(double[] delta, boolean[] correct, double maxAlpha) {
        if (delta.length != correct.length || delta.length == 0) {
            throw new IllegalArgumentException("need as many responses as tasks, and at least one");
        }
        double alpha = 0;
        double information = 0;
        for (int it = 1; it <= 100; it++) {
            double gradient = 0;
            information = 0;
            for (int i = 0; i < delta.length; i++) {
                double p = MachineInterpretabilityScore.sigmoid(alpha * delta[i]);
                gradient += ((correct[i] ? 1 : 0) - p) * delta[i];
                information += p * (1 - p) * delta[i] * delta[i];
            }
            if (information <= 0) {
                return new Result(alpha, 0, it, false); // every delta is 0: the data say nothing about α
            }
            double next = alpha + gradient / information;
            if (next >= maxAlpha) {
                return new Result(maxAlpha, 0, it, true);
            }
            if (Math.abs(next - alpha) < 1e-10 * Math.max(1, Math.abs(next))) {
                alpha = next;
                return new Result(alpha, standardError(delta, alpha), it, false);
            }
            alpha = next;
        }
        return new Result(alpha, standardError(delta, alpha), 100, false);
    }

    private static double standardError(double[] delta, double alpha) {
        double info = 0;
        for (double d : delta) {
            double p = MachineInterpretabilityScore.sigmoid(alpha * d);
            info += p * (1 - p) * d * d;
        }
        return info > 0 ? 1 / Math.sqrt(info) : 0;
    }
}
