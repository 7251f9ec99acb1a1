package org.ipb.leaderboards.stats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.ipb.scorers.mis.MachineInterpretabilityScore;

/**
 * Trial-level psychometric function from a score x to P(correct) in a 2-AFC task, with a lapse rate,
 * fitted by maximum likelihood.
 *
 * <p>Form: the standard psychometric function of Wichmann &amp; Hill (2001, "The psychometric
 * function: I. Fitting, sampling, and goodness of fit", Perception &amp; Psychophysics 63(8), eq. 1),
 * ψ(x) = γ + (1 − γ − λ) F(x), with the guess rate fixed at γ = 0.5 (chance in 2-AFC), F the
 * logistic function of a + b·x, and the lapse rate λ in [0, 0.5). The lower asymptote is chance and
 * the upper one is 1 − λ: a lapse is a stimulus-independent error, which is the usual reading in
 * 2-AFC. (The symmetric form λ/2 + (1 − λ) F would let P fall below chance for low scores, which a
 * 2-AFC observer cannot do except by systematic confusion.) λ → 0.5 makes P ≡ 0.5, where a and b are
 * unidentified, so λ is held at or below {@link #MAX_LAPSE}.
 *
 * <p>Fit: maximum likelihood by Newton's method with Levenberg-Marquardt damping, λ projected onto
 * its bounds and dropped from the step while a bound is active and the gradient pushes outward;
 * several starting lapse rates, best likelihood kept. Standard errors are the square roots of the
 * diagonal of the inverse observed information (negative Hessian) over the free parameters; the
 * lapse gets NaN when it sits on a bound.
 */
public final class LogisticLapseFit {
    /** Guess rate γ of 2-AFC. */
    public static final double GUESS_RATE = 0.5;
    /** Largest lapse rate considered; the model degenerates at 0.5. */
    public static final double MAX_LAPSE = 0.5 - 1e-6;

    private static final double[] START_LAPSES = {0.0, 0.05, 0.2};
    private static final int MAX_ITERATIONS = 500;

    /**
     * A fitted function.
     *
     * @param intercept a
     * @param slope b
     * @param lapse λ
     * @param logLikelihood Σ log P(observed response) at the fit (natural log)
     * @param interceptSe standard error of a (NaN if the information was singular)
     * @param slopeSe standard error of b
     * @param lapseSe standard error of λ (NaN when λ sits on a bound)
     * @param lapseAtBound λ is 0 or {@link #MAX_LAPSE}
     * @param converged the gradient over the free parameters vanished (to 1e-9 per trial), or the
     *     predicted gain of a Newton step fell below the rounding noise of the log-likelihood
     * @param iterations Newton iterations of the best start
     * @param trials number of trials fitted
     */
    public record Result(double intercept, double slope, double lapse, double logLikelihood, double interceptSe,
            double slopeSe, double lapseSe, boolean lapseAtBound, boolean converged, int iterations, int trials) {

        /** ψ(x) at the fitted parameters. */
        public double probability(double x) {
            return LogisticLapseFit.probability(intercept, slope, lapse, x);
        }
    }

    private LogisticLapseFit() {}

    /** ψ(x) = 0.5 + (0.5 − λ) · sigmoid(a + b·x). */
    public static double probability(double a, double b, double lapse, double x) {
        return GUESS_RATE + (1 - GUESS_RATE - lapse) * MachineInterpretabilityScore.sigmoid(a + b * x);
    }

    /** Fit with each trial's predictor being the score of its direction; unscored trials are skipped. */
    public static Result fit(Collection<TrialOutcome> trials, Map<String, Double> scores) {
        List<double[]> rows = new ArrayList<>();
        for (TrialOutcome t : trials) {
            Double s = scores.get(t.direction());
            if (s != null && Double.isFinite(s)) {
                rows.add(new double[] {s, t.correct() ? 1 : 0});
            }
        }
        double[] x = new double[rows.size()];
        boolean[] y = new boolean[rows.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rows.get(i)[0];
            y[i] = rows.get(i)[1] == 1;
        }
        return fit(x, y);
    }

    /**
     * Maximum-likelihood fit of ψ to responses {@code correct} at predictors {@code x}.
     *
     * @throws IllegalArgumentException if the arrays differ in length, are empty, or x is not finite
     */
    public static Result fit(double[] x, boolean[] correct) {
        if (x.length != correct.length || x.length == 0) {
            throw new IllegalArgumentException("need as many responses as predictors, and at least one");
        }
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("predictor is not finite: " + v);
            }
        }
        int hits = 0;
        for (boolean c : correct) {
            hits += c ? 1 : 0;
        }
        double rate = (hits + 0.5) / (x.length + 1.0);
        Result best = null;
        for (double lapse : START_LAPSES) {
            // Start flat at the observed accuracy: sigmoid(a) = (rate − γ) / (1 − γ − λ), kept inside (0, 1).
            double f = Math.min(0.99, Math.max(0.01, (rate - GUESS_RATE) / (1 - GUESS_RATE - lapse)));
            Result r = newton(x, correct, new double[] {Math.log(f / (1 - f)), 0, lapse});
            if (best == null || r.logLikelihood() > best.logLikelihood()) {
                best = r;
            }
        }
        return best;
    }

    private static Result newton(double[] x, boolean[] y, double[] theta) {
        double[] g = new double[3];
        double[][] h = new double[3][3];
        double ll = evaluate(x, y, theta, g, h);
        double mu = 0;
        boolean converged = false;
        int it = 0;
        while (it < MAX_ITERATIONS) {
            it++;
            boolean[] free = freeSet(theta, g);
            if (maxAbs(g, free) < 1e-9 * x.length) {
                converged = true;
                break;
            }
            // Near the optimum the predicted gain of a full Newton step, g·δ/2, falls below the rounding
            // noise of the summed log-likelihood, and comparing likelihoods can no longer tell a step
            // from noise: take that step and stop.
            double[] newtonStep = dampedStep(g, h, free, 0);
            if (newtonStep != null && dot(g, newtonStep) / 2 < 1e-13 * Math.max(1, Math.abs(ll))) {
                theta = new double[] {theta[0] + newtonStep[0], theta[1] + newtonStep[1],
                        Math.min(MAX_LAPSE, Math.max(0, theta[2] + newtonStep[2]))};
                ll = evaluate(x, y, theta, g, h);
                converged = true;
                break;
            }
            boolean improved = false;
            for (int attempt = 0; attempt < 60 && !improved; attempt++) {
                double[] step = dampedStep(g, h, free, mu);
                if (step == null) {
                    mu = Math.max(mu * 10, 1e-6);
                    continue;
                }
                double[] next = {theta[0] + step[0], theta[1] + step[1],
                        Math.min(MAX_LAPSE, Math.max(0, theta[2] + step[2]))};
                double nextLl = evaluate(x, y, next, null, null);
                if (nextLl >= ll) {
                    double gain = nextLl - ll;
                    theta = next;
                    ll = evaluate(x, y, theta, g, h);
                    mu = mu / 10 < 1e-12 ? 0 : mu / 10;
                    improved = true;
                    if (gain == 0 && Math.abs(step[0]) + Math.abs(step[1]) + Math.abs(step[2]) < 1e-14) {
                        it = MAX_ITERATIONS; // no representable progress left
                    }
                } else {
                    mu = Math.max(mu * 10, 1e-6);
                }
            }
            if (!improved) {
                break;
            }
        }
        boolean[] free = freeSet(theta, g);
        converged = converged || maxAbs(g, free) < 1e-9 * x.length;
        double[] se = standardErrors(h, free);
        boolean atBound = theta[2] <= 0 || theta[2] >= MAX_LAPSE;
        return new Result(theta[0], theta[1], theta[2], ll, se[0], se[1], se[2], atBound, converged, it, x.length);
    }

    /** λ is left out of the step while it sits on a bound with the gradient pointing outward. */
    private static boolean[] freeSet(double[] theta, double[] g) {
        boolean lapseFree = !((theta[2] <= 0 && g[2] <= 0) || (theta[2] >= MAX_LAPSE && g[2] >= 0));
        return new boolean[] {true, true, lapseFree};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double maxAbs(double[] g, boolean[] free) {
        double m = 0;
        for (int i = 0; i < g.length; i++) {
            if (free[i]) {
                m = Math.max(m, Math.abs(g[i]));
            }
        }
        return m;
    }

    /** Solves (−H + μ·diag(1 + |H_ii|)) δ = g over the free parameters; null if not positive definite. */
    private static double[] dampedStep(double[] g, double[][] h, boolean[] free, double mu) {
        int[] idx = freeIndices(free);
        RealMatrix a = new Array2DRowRealMatrix(idx.length, idx.length);
        double[] rhs = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            rhs[i] = g[idx[i]];
            for (int j = 0; j < idx.length; j++) {
                a.setEntry(i, j, -h[idx[i]][idx[j]]);
            }
            a.addToEntry(i, i, mu * (1 + Math.abs(h[idx[i]][idx[i]])));
        }
        double[] sol;
        try {
            sol = new CholeskyDecomposition(a, 1e-12, 1e-14).getSolver().solve(new ArrayRealVector(rhs)).toArray();
        } catch (NonPositiveDefiniteMatrixException | org.apache.commons.math3.linear.NonSymmetricMatrixException e) {
            return null;
        }
        double[] step = new double[3];
        for (int i = 0; i < idx.length; i++) {
            step[idx[i]] = sol[i];
        }
        return step;
    }

    private static double[] standardErrors(double[][] h, boolean[] free) {
        int[] idx = freeIndices(free);
        double[] se = {Double.NaN, Double.NaN, Double.NaN};
        RealMatrix info = new Array2DRowRealMatrix(idx.length, idx.length);
        for (int i = 0; i < idx.length; i++) {
            for (int j = 0; j < idx.length; j++) {
                info.setEntry(i, j, -h[idx[i]][idx[j]]);
            }
        }
        try {
            RealMatrix cov = new CholeskyDecomposition(info, 1e-12, 1e-14).getSolver().getInverse();
            for (int i = 0; i < idx.length; i++) {
                se[idx[i]] = Math.sqrt(cov.getEntry(i, i));
            }
        } catch (NonPositiveDefiniteMatrixException | org.apache.commons.math3.linear.NonSymmetricMatrixException e) {
            // singular information: the data do not pin the parameters down; leave NaN
        }
        return se;
    }

    private static int[] freeIndices(boolean[] free) {
        int n = 0;
        for (boolean f : free) {
            n += f ? 1 : 0;
        }
        int[] idx = new int[n];
        for (int i = 0, j = 0; i < free.length; i++) {
            if (free[i]) {
                idx[j++] = i;
            }
        }
        return idx;
    }

    /**
     * Log-likelihood at θ = (a, b, λ); fills gradient g and Hessian h when they are not null. With
     * ψ = γ + cF, c = 1 − γ − λ, F = sigmoid(η), η = a + b·x:
     * dψ/da = cF', dψ/db = cF'x, dψ/dλ = −F with F' = F(1 − F); per trial
     * dℓ/dθ = w·dψ/dθ with w = y/ψ − (1 − y)/(1 − ψ), and
     * d²ℓ/dθdθ' = −(y/ψ² + (1 − y)/(1 − ψ)²)·dψ/dθ·dψ/dθ' + w·d²ψ/dθdθ'.
     */
    static double evaluate(double[] x, boolean[] y, double[] theta, double[] g, double[][] h) {
        double a = theta[0];
        double b = theta[1];
        double lapse = theta[2];
        double c = 1 - GUESS_RATE - lapse;
        if (g != null) {
            java.util.Arrays.fill(g, 0);
            for (double[] row : h) {
                java.util.Arrays.fill(row, 0);
            }
        }
        double ll = 0;
        for (int i = 0; i < x.length; i++) {
            double eta = a + b * x[i];
            double f = MachineInterpretabilityScore.sigmoid(eta);
            double fc = MachineInterpretabilityScore.sigmoid(-eta); // 1 − F without cancellation
            double p = GUESS_RATE + c * f;
            double q = lapse + c * fc; // 1 − ψ
            if (y[i]) {
                ll += Math.log(p);
            } else {
                ll += q > 0 ? Math.log(q) : Math.log(c) + logSigmoid(-eta);
            }
            if (g == null) {
                continue;
            }
            double fp = f * fc;
            double fpp = fp * (fc - f);
            double[] dp = {c * fp, c * fp * x[i], -f};
            double w = y[i] ? 1 / p : -1 / q;
            double dw = y[i] ? -1 / (p * p) : -1 / (q * q);
            double[][] d2p = {
                {c * fpp, c * fpp * x[i], -fp},
                {c * fpp * x[i], c * fpp * x[i] * x[i], -fp * x[i]},
                {-fp, -fp * x[i], 0}};
            for (int r = 0; r < 3; r++) {
                g[r] += w * dp[r];
                for (int s = 0; s < 3; s++) {
                    h[r][s] += dw * dp[r] * dp[s] + w * d2p[r][s];
                }
            }
        }
        return ll;
    }

    /** log sigmoid(t), accurate for large |t|. */
    private static double logSigmoid(double t) {
        return t >= 0 ? -Math.log1p(Math.exp(-t)) : t - Math.log1p(Math.exp(t));
    }
}
