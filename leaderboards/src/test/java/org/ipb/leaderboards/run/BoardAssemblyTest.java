package org.ipb.leaderboards.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calibration, ceilings and the human columns of the board, on hand-made entries. */
class BoardAssemblyTest {
    static final BenchmarkDefinition DEF = new BenchmarkDefinition(BenchmarkDefinition.KIND, "toy", 1, "toy", "m",
            List.of("l"), "s", List.of("pca", "basis"), 4, 3, 0.2, 9, Map.of("mis", "1"), Map.of(), "observer", 0, 0,
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
                BenchmarkRun.summaries(rows), new TreeMap<>(Map.of("benchmark", DEF.key())));
    }

    @Test
    void withoutHumanDataThePredictionIsTheMeanMisAndTheBoardSaysSo() throws Exception {
        EntryResult e = entry("pca", 0.5, 0.6, 0.7, 0.8);
        Leaderboard b = BoardAssembly.assemble(List.of(DEF), DEF, List.of(e), HumanTrials.read(null, java.util.Set.of()),
                null);
        LeaderboardRow r = b.rows().get(0);
        assertEquals(0.65, r.predicted().accuracy(), 1e-12);
        assertTrue(r.predicted().ciLow() <= 0.65 && r.predicted().ciHigh() >= 0.65, r.predicted().toString());
        assertTrue(r.predicted().ciLow() >= 0.5 && r.predicted().ciHigh() <= 0.8, "bootstrap of the mean stays in range");
        assertTrue(r.predicted().calibration().contains("alpha 0.16"), r.predicted().calibration());
        assertNull(r.human());
        assertEquals(1.0, r.ceiled().ceiling());
        assertEquals(0.65, r.ceiled().ceiled(), 1e-12);
        assertTrue(b.humanNote().contains("human columns are empty"), b.humanNote());
        assertNull(b.ceiling());
        assertTrue(b.validity().isEmpty());
        Leaderboard again = BoardAssembly.assemble(List.of(DEF), DEF, List.of(e),
                HumanTrials.read(null, java.util.Set.of()), null);
        assertEquals(b, again, "same inputs, same board (seeded bootstrap)");
    }

    @Test
    void humanDataGiveCeilingsValidityAndAFittedMapping(@TempDir Path tmp) throws Exception {
        // 12 directions with MIS spread; simulated people: P(correct) rises with MIS (2AFC, lapse 0.04)
        double[] mis = new double[12];
        for (int i = 0; i < 12; i++) {
            mis[i] = 0.50 + 0.005 * i;
        }
        EntryResult e = entry("pca", mis);
        Random rng = new Random(5);
        List<TrialOutcome> trials = new ArrayList<>();
        for (int p = 0; p < 16; p++) {
            for (int i = 0; i < 12; i++) {
                double pc = 0.5 + 0.48 / (1 + Math.exp(-(mis[i] - 0.53) * 150));
                for (int t = 0; t < 4; t++) {
                    trials.add(new TrialOutcome("s/P" + p, "m:l:pca:" + i, rng.nextDouble() < pc));
                }
            }
        }
        HumanTrials human = new HumanTrials(tmp.resolve("db"), trials, 50, 47);
        Leaderboard b = BoardAssembly.assemble(List.of(DEF), DEF, List.of(e), human, tmp.resolve("diagrams"));
        LeaderboardRow r = b.rows().get(0);
        assertTrue(r.predicted().calibration().startsWith("logistic-lapse fit"), r.predicted().calibration());
        assertNotNull(r.human());
        assertEquals(trials.size(), r.human().trials());
        assertEquals(16, r.human().participants());
        double observed = trials.stream().filter(TrialOutcome::correct).count() / (double) trials.size();
        assertEquals(observed, r.human().accuracy(), 1e-12);
        assertEquals(observed, r.predicted().accuracy(), 0.03, "the fitted mapping reproduces the mean accuracy");
        assertEquals(0.94, r.ceiled().ceiling(), 1e-12, "catch-trial accuracy 47/50");
        assertEquals(r.ceiled().raw() / 0.94, r.ceiled().ceiled(), 1e-12);
        assertEquals("", b.humanNote());
        assertNotNull(b.ceiling());
        assertTrue(b.ceiling().reliability() > 0.5, "planted signal is reliable: " + b.ceiling());
        Leaderboard.Validity v = b.validity().get("mis");
        assertNotNull(v);
        Leaderboard.Correlation pearson = v.correlations().stream().filter(c -> c.method().equals("pearson"))
                .findFirst().orElseThrow();
        assertTrue(pearson.raw() > 0.7, "MIS predicts the planted accuracies: " + pearson);
        assertEquals(pearson.raw() / Math.sqrt(b.ceiling().reliability()), pearson.ceiled(), 1e-9);
        assertTrue(Files.isRegularFile(tmp.resolve("diagrams").resolve(v.reliabilityDiagram())));
    }

    @Test
    void tooFewMeasuredDirectionsKeepThePublishedMapping(@TempDir Path tmp) throws Exception {
        EntryResult e = entry("pca", 0.5, 0.6, 0.7, 0.8);
        List<TrialOutcome> trials = List.of(new TrialOutcome("s/P1", "m:l:pca:0", true),
                new TrialOutcome("s/P2", "m:l:pca:0", false));
        Leaderboard b = BoardAssembly.assemble(List.of(DEF), DEF, List.of(e), new HumanTrials(tmp, trials, 0, 0),
                null);
        LeaderboardRow r = b.rows().get(0);
        assertTrue(r.predicted().calibration().contains("published"), r.predicted().calibration());
        assertEquals(2, r.human().trials());
        assertEquals(0.5, r.human().accuracy());
        assertEquals(1.0, r.ceiled().ceiling(), "no catch trials: ceiling 1");
    }

    @Test
    void ablationAucIsTheNormalisedTrapezoidArea(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("ablation-curves.csv");
        // score order: accuracy 0.9 -> 0.6 -> 0.3 at 0, 2, 4 removed; random order ignored
        Files.writeString(csv, "order,removed,accuracy\nrandom,0,0.9\nrandom,4,0.1\nscore,0,0.9\nscore,2,0.6\n"
                + "score,4,0.3\n");
        // trapezoids over x = removed/4: 0.5*(0.9+0.6)/2/0.9 + 0.5*(0.6+0.3)/2/0.9 = (0.375+0.225)/0.9
        assertEquals((0.375 + 0.225) / 0.9, BenchmarkRun.ablationAuc(csv), 1e-12);
        assertNull(BenchmarkRun.ablationAuc(tmp.resolve("none.csv")));
    }
}
