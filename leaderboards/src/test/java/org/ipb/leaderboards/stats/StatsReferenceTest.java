package org.ipb.leaderboards.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares against values computed independently with scipy 1.10.1 / numpy 1.24 by
 * src/test/resources/stats-reference/make_reference.py on the committed dataset in the same folder.
 */
class StatsReferenceTest {
    private static final double CORRELATION_TOLERANCE = 1e-9;
    private static final double FIT_TOLERANCE = 1e-4;

    private static Map<String, Double> reference;
    private static Map<String, Double> scores;
    private static List<TrialOutcome> trials;

    @BeforeAll
    static void load() throws IOException {
        reference = new TreeMap<>();
        for (String[] row : csv("reference.csv")) {
            reference.put(row[0], Double.parseDouble(row[1]));
        }
        scores = new TreeMap<>();
        for (String[] row : csv("scores.csv")) {
            scores.put(row[0], Double.parseDouble(row[1]));
        }
        trials = new ArrayList<>();
        for (String[] row : csv("trials.csv")) {
            trials.add(new TrialOutcome(row[0], row[1], row[2].equals("1")));
        }
    }

    private static List<String[]> csv(String name) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = StatsReferenceTest.class.getResourceAsStream("/stats-reference/" + name)) {
            assertTrue(in != null, "missing resource " + name);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            r.readLine(); // header
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.split(","));
                }
            }
        }
        return rows;
    }

    private static double ref(String key) {
        Double v = reference.get(key);
        assertTrue(v != null, "reference lacks " + key);
        return v;
    }

    @Test
    void datasetIsTheCommittedOne() {
        assertEquals(3600, trials.size());
        assertEquals(20, scores.size());
    }

    @Test
    void accuracyAndWilsonMatchScipy() {
        SortedMap<String, DirectionAccuracy> acc = DirectionAccuracy.byDirection(trials);
        assertEquals(scores.keySet(), acc.keySet());
        for (DirectionAccuracy a : acc.values()) {
            assertEquals(ref("accuracy." + a.direction()), a.accuracy(), 1e-15);
            assertEquals(ref("wilson_low." + a.direction()), a.ci95().low(), CORRELATION_TOLERANCE);
            assertEquals(ref("wilson_high." + a.direction()), a.ci95().high(), CORRELATION_TOLERANCE);
        }
    }

    @Test
    void correlationsMatchScipy() {
        ScorerValidity.Result r = ScorerValidity.evaluate(trials, scores, Map.of(), new ScorerValidity.Config(0, 1));
        assertEquals(ref("pearson"), r.get(Correlations.Method.PEARSON).raw(), CORRELATION_TOLERANCE);
        assertEquals(ref("spearman"), r.get(Correlations.Method.SPEARMAN).raw(), CORRELATION_TOLERANCE);
        assertEquals(ref("kendall_tau_b"), r.get(Correlations.Method.KENDALL_TAU_B).raw(), CORRELATION_TOLERANCE);
        assertEquals(ref("spearman_brown.pearson"),
                Correlations.spearmanBrown(r.get(Correlations.Method.PEARSON).raw()), CORRELATION_TOLERANCE);
        assertEquals(ref("spearman_brown.0.6"), Correlations.spearmanBrown(0.6), CORRELATION_TOLERANCE);
    }

    @Test
    void logisticLapseFitMatchesScipy() {
        LogisticLapseFit.Result r = LogisticLapseFit.fit(trials, scores);
        assertTrue(r.converged(), r.toString());
        assertEquals(ref("lapse.a"), r.intercept(), FIT_TOLERANCE);
        assertEquals(ref("lapse.b"), r.slope(), FIT_TOLERANCE);
        assertEquals(ref("lapse.lambda"), r.lapse(), FIT_TOLERANCE);
        assertEquals(ref("lapse.loglik"), r.logLikelihood(), 1e-6);
        // The reference standard errors come from a finite-difference Hessian: relative tolerance.
        assertEquals(ref("lapse.se_a"), r.interceptSe(), 1e-3 * ref("lapse.se_a"));
        assertEquals(ref("lapse.se_b"), r.slopeSe(), 1e-3 * ref("lapse.se_b"));
        assertEquals(ref("lapse.se_lambda"), r.lapseSe(), 1e-3 * ref("lapse.se_lambda"));
    }
}
