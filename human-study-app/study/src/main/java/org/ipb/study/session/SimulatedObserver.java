package org.ipb.study.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.ipb.study.store.JudgmentStore.PlannedTrial;

/**
 * A simulated 2-AFC participant with the psychometric function of Wichmann &amp; Hill 2001 (Percept.
 * Psychophys. 63(8), "The psychometric function: I. Fitting, sampling, and goodness of fit"): the
 * probability of a correct answer is {@code λ/2 + (1 − λ)·sigmoid(slope·x)}, where λ is the lapse
 * rate (a lapse is a guess, right half the time) and x a direction's latent interpretability. Catch
 * trials show the answer among the references, so x is taken as +∞ there: {@code 1 − λ/2}. Response
 * times are log-normal, faster for easier trials; confidence grows with P(correct).
 */
public final class SimulatedObserver {
    private final double lapse;
    private final double slope;
    private final Map<String, Double> latent;
    private final Random rng;

    public SimulatedObserver(double lapse, double slope, Map<String, Double> latent, long seed) {
        if (!(lapse >= 0 && lapse <= 1)) {
            throw new org.ipb.core.UserError("--lapse must be in [0, 1]: " + lapse);
        }
        this.lapse = lapse;
        this.slope = slope;
        this.latent = latent;
        this.rng = new Random(seed);
    }

    /** P(correct) for a trial. */
    public double pCorrect(PlannedTrial t) {
        if (t.catchTrial()) {
            return 1 - lapse / 2;
        }
        double x = latent.getOrDefault(t.direction(), 0.0);
        return lapse / 2 + (1 - lapse) / (1 + Math.exp(-slope * x));
    }

    /** Runs the session to its end through the runner, exactly as the UI would; returns trials answered. */
    public int run(SessionRunner runner, Clock clock) {
        int n = 0;
        SessionRunner.Presentation p;
        while ((p = runner.current()) != null) {
            PlannedTrial t = p.trial();
            double pc = pCorrect(t);
            boolean correct = rng.nextDouble() < pc;
            String wrong = t.correctSide().equals("a") ? "b" : "a";
            double rt = Math.exp(Math.log(1.2) + 0.8 * (1 - pc) + 0.35 * rng.nextGaussian());
            int confidence = pc > 0.9 ? 3 : pc > 0.7 ? 2 : 1;
            Instant onset = p.onset();
            runner.answer(correct ? t.correctSide() : wrong, confidence, rt, onset);
            n++;
            if (clock instanceof AdvancingClock a) {
                a.advance(Duration.ofMillis((long) (rt * 1000) + 500));
            }
        }
        return n;
    }

    /** A deterministic clock that the simulation advances by each simulated response time. */
    public static final class AdvancingClock extends Clock {
        private Instant now;

        public AdvancingClock(Instant start) {
            this.now = start;
        }

        public void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
