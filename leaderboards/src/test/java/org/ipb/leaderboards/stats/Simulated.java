package org.ipb.leaderboards.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Seeded simulated 2-AFC data for the tests. */
final class Simulated {
    private Simulated() {}

    /** Scores spread over [-1.5, 2.5] for {@code directions} directions d000, d001, .... */
    static Map<String, Double> scores(int directions, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, Double> out = new TreeMap<>();
        for (int d = 0; d < directions; d++) {
            out.put(String.format("d%03d", d), -1.5 + 4 * rng.nextDouble());
        }
        return out;
    }

    /** Every participant answers every direction {@code repeats} times from the logistic-lapse model. */
    static List<TrialOutcome> trials(Map<String, Double> scores, int participants, int repeats, double a, double b,
            double lapse, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<TrialOutcome> out = new ArrayList<>();
        for (int p = 0; p < participants; p++) {
            for (Map.Entry<String, Double> e : scores.entrySet()) {
                double prob = LogisticLapseFit.probability(a, b, lapse, e.getValue());
                for (int r = 0; r < repeats; r++) {
                    out.add(new TrialOutcome(String.format("p%03d", p), e.getKey(), rng.nextDouble() < prob));
                }
            }
        }
        return out;
    }
}
