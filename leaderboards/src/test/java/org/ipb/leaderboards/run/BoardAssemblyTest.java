package org.ipb.leaderboards.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.ipb.leaderboards.board.BenchmarkDefinition;
import org.ipb.leaderboards.board.Leaderboard;
import org.ipb.leaderboards.board.LeaderboardRow;
import org.ipb.leaderboards.stats.TrialOutcome;
import org.ipb.scorers.ScoreRow;
import org.ipb.study.store.JudgmentStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calibration, ceilings and the human columns of the board, on hand-made entries. */
class BoardAssemblyTest {
    static final BenchmarkDefinition DEF = new BenchmarkDefinition(BenchmarkDefinition.KIND, "toy", 1, "toy", "m",
            List.of("l"), "s", List.of("pca", "basis"), 4, 3, 0.2, 9, Map.of("mis", "2"), Map.of(), "observer", 0, 0,
            0);

    /** An entry of {@code n} directions with the given MIS values. */
    static EntryResult entry(String method, double... mis) {
        List<String> ids = new ArrayList<>();
        List<ScoreRow> rows = new ArrayList<>();
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < mis.length; i++) {
            String id = "m:l:" + method + ":" + i;
            ids.add(id);
            rows.add(new ScoreRow(id, i, "mis", "1", mis[i], null, Map.of()));
            m.put(id, mis[i]);
        }
        return new EntryResult(method, 0, "builtin", null, "m", "l", ids, rows, m, null,
                BenchmarkRun.summaries(rows), org.ipb.leaderboards.board.EntryProvenance.of(DEF.key(), null), null);
    }

    @Test
    void withoutHumanDataTheHeadlineIsTheUncalibratedMachineAccuracy() throws Exception {
        EntryResult e = entry("pca", 0.5, 0.6, 0.7, 0.8);
        Leaderboard b = BoardAssembly.assemble(List.of(DEF), DEF, List.of(e), HumanTrials.read(null, java.util.Set.of()),
                null);
        LeaderboardRow r = b.rows().get(0);
        assertEquals(LeaderboardRow.Headline.MACHINE, r.headline().measure());
        assertEquals(0.65, r.headline().accuracy(), 1e-12);
        assertTrue(r.headline().ciLow() <= 0.65 && r.headline().ciHigh() >= 0.65, r.headline().toString());
        assertTrue(r.headline().ciLow() >= 0.5 && r.headline().ciHigh() <= 0.8, "bootstrap of the mean stays in range");
        assertFalse(r.headline().calibration().contains("alpha"), r.headline().calibration());
        assertNull(r.human());
        assertNull(r.ceiled(), "no ceiling where none was measured");
        assertTrue(b.humanNote().contains("human columns are empty"), b.humanNote());
        assertNull(b.splitHalfCeiling());
        assertTrue(b.validity().isEmpty());
        Leaderboard again = BoardAssembly.assemble(List.of(DEF), DEF, List.of(e),
                HumanTrials.read(null, java.util.Set.of()), null);
        assertEquals(b, again, "same inputs, same board (seeded bootstrap)");
    }

    /** 12 directions, P(correct) rising with MIS (2AFC, lapse 0.04), 16 participants x 4 trials each. */
    static List<TrialOutcome> planted(double[] mis, String method, double sign, long seed) {
        Random rng = new Random(seed);
        List<TrialOutcome> trials = new ArrayList<>();
        for (int p = 0; p < 16; p++) {
            for (int i = 0; i < mis.length; i++) {
                double pc = 0.5 + 0.48 / (1 + Math.exp(-sign * (mis[i] - 0.75) * 30));
                for (int t = 0; t < 4; t++) {
                    trials.add(new TrialOutcome("s/P" + p, "m:l:" + method + ":" + i, rng.nextDouble() < pc));
                }
            }
        }
        return trials;
    }

    static double[] spread() {
        double[] mis = new double[12];
        for (int i = 0; i < 12; i++) {
            mis[i] = 0.55 + 0.035 * i;
        }
        return mis;
    }

    @Test
    void humanDataGiveCeilingsValidityAndAFittedMapping(@TempDir Path tmp) throws Exception {
        double[] mis = spread();
        EntryResult e = entry("pca", mis);
        List<TrialOutcome> trials = planted(mis, "pca", 1, 5);
        HumanTrials human = new HumanTrials(tmp.resolve("db"), trials, 50, 47, 0);
        Leaderboard b = BoardAssembly.assemble(List.of(DEF), DEF, List.of(e), human, tmp.resolve("diagrams"));
        LeaderboardRow r = b.rows().get(0);
        assertEquals(LeaderboardRow.Headline.PREDICTED_HUMAN, r.headline().measure());
        assertTrue(r.headline().calibration().startsWith("per-layer fit on l: logistic-lapse fit"),
                r.headline().calibration());
        assertNotNull(r.human());
        assertEquals(trials.size(), r.human().trials());
        assertEquals(16, r.human().participants());
        double observed = trials.stream().filter(TrialOutcome::correct).count() / (double) trials.size();
        assertEquals(observed, r.human().accuracy(), 1e-12);
        assertEquals(observed, r.headline().accuracy(), 0.03, "the fitted mapping reproduces the mean accuracy");
        assertEquals(0.94, r.ceiled().ceiling(), 1e-12, "catch-trial ceiling 47/50");
        assertTrue(r.ceiled().ceilingSource().startsWith("catch-trial ceiling"), r.ceiled().ceilingSource());
        assertEquals(r.ceiled().raw() / 0.94, r.ceiled().ceiled(), 1e-12);
        assertEquals("", b.humanNote());
        assertNotNull(b.splitHalfCeiling());
        assertTrue(b.splitHalfCeiling().reliability() > 0.5, "planted signal is reliable: " + b.splitHalfCeiling());
        Leaderboard.Validity v = b.validity().get("mis");
        assertNotNull(v);
        Leaderboard.Correlation pearson = v.correlations().stream().filter(c -> c.method().equals("pearson"))
                .findFirst().orElseThrow();
        assertTrue(pearson.raw() > 0.7, "MIS predicts the planted accuracies: " + pearson);
        assertEquals(pearson.raw() / Math.sqrt(b.splitHalfCeiling().reliability()), pearson.ceiled(), 1e-9);
        assertTrue(Files.isRegularFile(tmp.resolve("diagrams").resolve(v.reliabilityDiagram())));
    }

    @Test
    void aDegenerateOrNegativeFitIsRefused(@TempDir Path tmp) throws Exception {
        double[] mis = spread();
        EntryResult e = entry("pca", mis);
        // Accuracy falls as MIS rises: a negative slope, which no calibration may publish.
        HumanTrials negative = new HumanTrials(tmp, planted(mis, "pca", -1, 6), 0, 0, 0);
        Leaderboard b = BoardAssembly.assemble(List.of(DEF), DEF, List.of(e), negative, null);
        LeaderboardRow r = b.rows().get(0);
        assertEquals(LeaderboardRow.Headline.MACHINE, r.headline().measure());
        assertTrue(b.calibrationNote().contains("refused"), b.calibrationNote());
        assertNull(r.ceiled());
        // No relation at all (coin flips): refused as well (slope, lapse bound or held-out check).
        Random rng = new Random(9);
        List<TrialOutcome> coins = new ArrayList<>();
        for (int p = 0; p < 16; p++) {
            for (int i = 0; i < 12; i++) {
                for (int t = 0; t < 4; t++) {
                    coins.add(new TrialOutcome("s/P" + p, "m:l:pca:" + i, rng.nextBoolean()));
                }
            }
        }
        Leaderboard c = BoardAssembly.assemble(List.of(DEF), DEF, List.of(e), new HumanTrials(tmp, coins, 0, 0, 0),
                null);
        assertEquals(LeaderboardRow.Headline.MACHINE, c.rows().get(0).headline().measure(), c.calibrationNote());
    }

    @Test
    void tooFewMeasuredDirectionsStayUncalibrated(@TempDir Path tmp) throws Exception {
        EntryResult e = entry("pca", 0.5, 0.6, 0.7, 0.8);
        List<TrialOutcome> trials = List.of(new TrialOutcome("s/P1", "m:l:pca:0", true),
                new TrialOutcome("s/P2", "m:l:pca:0", false));
        Leaderboard b = BoardAssembly.assemble(List.of(DEF), DEF, List.of(e), new HumanTrials(tmp, trials, 0, 0, 0),
                null);
        LeaderboardRow r = b.rows().get(0);
        assertEquals(LeaderboardRow.Headline.MACHINE, r.headline().measure());
        assertTrue(b.calibrationNote().contains("fewer than 10"), b.calibrationNote());
        assertEquals(2, r.human().trials());
        assertEquals(0.5, r.human().accuracy());
        assertNull(r.ceiled(), "no catch trials: no ceiling");
    }

    @Test
    void aLayerWithoutEnoughDirectionsGetsThePooledFitAndSaysSo(@TempDir Path tmp) throws Exception {
        BenchmarkDefinition two = new BenchmarkDefinition(BenchmarkDefinition.KIND, "toy", 1, "toy", "m",
                List.of("l", "k"), "s", List.of("pca"), 4, 3, 0.2, 9, Map.of("mis", "2"), Map.of(), "observer", 0, 0, 0);
        double[] mis = spread();
        EntryResult l = entry("pca", mis);
        EntryResult k = entryOn("k", "pca", 0.6, 0.9);
        List<TrialOutcome> trials = new ArrayList<>(planted(mis, "pca", 1, 7));
        trials.add(new TrialOutcome("s/P1", "m:k:pca:0", true));
        Leaderboard b = BoardAssembly.assemble(List.of(two), two, List.of(l, k), new HumanTrials(tmp, trials, 0, 0, 0),
                null);
        LeaderboardRow rk = b.rows().stream().filter(r -> r.layer().equals("k")).findFirst().orElseThrow();
        LeaderboardRow rl = b.rows().stream().filter(r -> r.layer().equals("l")).findFirst().orElseThrow();
        assertTrue(rl.headline().calibration().startsWith("per-layer fit on l"), rl.headline().calibration());
        assertEquals(LeaderboardRow.Headline.PREDICTED_HUMAN, rk.headline().measure());
        assertTrue(rk.headline().calibration().contains("pooled") && rk.headline().calibration().contains("carried to k"),
                rk.headline().calibration());
    }

    @Test
    void simulatedResponsesNeverCountAsHumanData(@TempDir Path tmp) throws Exception {
        EntryResult e = entry("pca", spread());
        Path db = tmp.resolve("study.db");
        try (JudgmentStore store = JudgmentStore.open(db)) {
            for (int i = 0; i < 12; i++) {
                for (int p = 0; p < 5; p++) {
                    store.recordResponse(judgment("simulated", "P" + p, i, p % 2 == 0));
                }
            }
        }
        HumanTrials onlySim = HumanTrials.read(db, new java.util.TreeSet<>(e.directionIds()));
        assertTrue(onlySim.isEmpty());
        assertEquals(60, onlySim.simulatedIgnored());
        Leaderboard b = BoardAssembly.assemble(List.of(DEF), DEF, List.of(e), onlySim, null);
        assertTrue(b.humanNote().contains("only simulated responses (60)") && b.humanNote().contains("not calibrating"),
                b.humanNote());
        LeaderboardRow r = b.rows().get(0);
        assertNull(r.human());
        assertNull(r.ceiled());
        assertEquals(LeaderboardRow.Headline.MACHINE, r.headline().measure());
        assertNull(b.splitHalfCeiling());
        assertTrue(b.validity().isEmpty());
        // Mixed: the human rows are used, the simulated ones left out and counted.
        try (JudgmentStore store = JudgmentStore.open(db)) {
            store.recordResponse(judgment("app", "H1", 0, true));
            store.recordResponse(judgment("app", "H1", 1, false));
        }
        HumanTrials mixed = HumanTrials.read(db, new java.util.TreeSet<>(e.directionIds()));
        assertEquals(2, mixed.main().size());
        assertEquals(60, mixed.simulatedIgnored());
        Leaderboard m = BoardAssembly.assemble(List.of(DEF), DEF, List.of(e), mixed, null);
        assertEquals(2, m.rows().get(0).human().trials());
        assertEquals(1, m.rows().get(0).human().participants());
        assertEquals(60, m.simulatedIgnored());
    }

    static org.ipb.study.store.Judgment judgment(String source, String who, int direction, boolean correct) {
        return new org.ipb.study.store.Judgment("s-" + source, who, "s1", source, direction, 1, "main", false,
                "m:l:pca:" + direction, "l", "natural", "natural", "qa" + direction, "qb" + direction, "a",
                correct ? "a" : "b", correct, 2, 1.0, null);
    }

    static EntryResult entryOn(String layer, String method, double... mis) {
        List<String> ids = new ArrayList<>();
        List<ScoreRow> rows = new ArrayList<>();
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < mis.length; i++) {
            String id = "m:" + layer + ":" + method + ":" + i;
            ids.add(id);
            rows.add(new ScoreRow(id, i, "mis", "2", mis[i], null, Map.of()));
            m.put(id, mis[i]);
        }
        return new EntryResult(method, 0, "builtin", null, "m", layer, ids, rows, m, null,
                BenchmarkRun.summaries(rows), org.ipb.leaderboards.board.EntryProvenance.of(DEF.key(), null), null);
    }

    @Test
    void differenceIntervalIsTheTwoSampleBootstrapAndFindingsNameWinners() {
        // Known answer without resampling noise: constant samples give a degenerate interval at the difference.
        var ci = BoardAssembly.difference(new double[] {0.9, 0.9, 0.9}, new double[] {0.7, 0.7}, 1);
        assertEquals(0.2, ci.low(), 1e-12);
        assertEquals(0.2, ci.high(), 1e-12);
        // Independent recomputation of the same seeded two-sample bootstrap.
        double[] a = {1.0, 0.9, 0.95, 1.0};
        double[] b = {0.5, 0.6, 0.55};
        java.util.SplittableRandom rng = new java.util.SplittableRandom(42);
        double[] reps = new double[BoardAssembly.BOOTSTRAP];
        for (int r = 0; r < reps.length; r++) {
            double sa = 0;
            for (int i = 0; i < a.length; i++) {
                sa += a[rng.nextInt(a.length)];
            }
            double sb = 0;
            for (int i = 0; i < b.length; i++) {
                sb += b[rng.nextInt(b.length)];
            }
            reps[r] = sa / a.length - sb / b.length;
        }
        java.util.Arrays.sort(reps);
        var got = BoardAssembly.difference(a, b, 42);
        assertTrue(got.low() >= reps[0] && got.high() <= reps[reps.length - 1]);
        assertEquals(org.ipb.leaderboards.stats.Interval.percentile95(reps), got);
        // Findings: sae far above the units, pca far below, random indistinguishable.
        EntryResult basis = entry("basis", 0.8, 0.82, 0.78, 0.8, 0.81, 0.79);
        EntryResult sae = entry("sae", 1.0, 1.0, 0.99, 1.0);
        EntryResult pca = entry("pca", 0.5, 0.52, 0.55, 0.51);
        EntryResult random = entry("random", 0.8, 0.79, 0.82, 0.81);
        List<EntryResult> all = List.of(basis, sae, pca, random);
        List<Leaderboard.Comparison> cs = BoardAssembly.comparisons(DEF, all);
        assertEquals(3 + 3, cs.size(), "three entries against basis, three against random");
        Leaderboard.Comparison saeVsBasis = cs.stream().filter(c -> c.entry().equals("sae") && c.versus().equals("basis"))
                .findFirst().orElseThrow();
        assertEquals(0.9975 - 0.8, saeVsBasis.difference(), 1e-12);
        assertEquals(4, saeVsBasis.n());
        assertEquals(6, saeVsBasis.nVersus());
        String f = BoardAssembly.findings(all, cs).get("m:l");
        assertTrue(f.contains("sae beats single units") && f.contains("below units: pca")
                && f.contains("indistinguishable from units: random") && f.contains("all 6 single units"), f);
    }
}
