package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.CandidateSets;
import org.ipb.core.npy.Npy;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSets;
import org.ipb.scorers.mis.MachineInterpretabilityScore;
import org.ipb.scorers.observers.Observer;
import org.ipb.scorers.observers.Observers;
import org.ipb.scorers.selectivity.Selectivity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ipb score} on a candidate set of the default model, checked against the scorer functions. */
class ScoreCommandTest {
    @TempDir
    static Path tmp;
    static Path run;

    @BeforeAll
    static void candidates() {
        run = tmp.resolve("run");
        CliRunner.Result r = CliRunner.run("candidates", "--layer", "conv4", "--methods", "pca", "--k", "4",
                "--limit", "400", "--tasks", "3", "--sheets", "0", "--no-progress", "--out", run.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    static Map<String, String[]> rows(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        assertEquals("direction,index,scorer,version,score,standard_error,parameters", lines.get(0));
        return lines.stream().skip(1).map(l -> l.split(",", 7))
                .collect(Collectors.toMap(f -> f[1] + "/" + f[2], f -> f));
    }

    @Test
    void everyScorerWritesItsRowsAndTheyMatchTheFunctions() throws Exception {
        Path out = tmp.resolve("scores.csv");
        CliRunner.Result r = CliRunner.run("score", "--candidates", run.resolve("candidates/pca").toString(),
                "--observer", "pixels", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        Map<String, String[]> rows = rows(out);
        assertEquals(4 * (2 + 1 + 4 + 2), rows.size());

        CandidateSet set = CandidateSets.read(run.resolve("candidates/pca/candidates.json"));
        try (StimulusSet stimuli = StimulusSets.open(CliRunner.embedded("stimulus-sets/fashion-mnist-test.json"));
                Observer pixels = Observers.named("pixels", stimuli)) {
            for (int k = 0; k < 4; k++) {
                double[] delta = MachineInterpretabilityScore.deltas(set.directions().get(k).tasks(), pixels);
                var expected = MachineInterpretabilityScore.hard(delta);
                assertEquals(expected.mis(), Double.parseDouble(rows.get(k + "/mis")[4]), 1e-8);
                assertEquals(expected.standardError(), Double.parseDouble(rows.get(k + "/mis")[5]), 1e-8);
                var margin = MachineInterpretabilityScore.summarise(delta);
                assertEquals(margin.mis(), Double.parseDouble(rows.get(k + "/mis.delta")[4]), 1e-8);
            }
        }
        // Selectivity of direction 1 from its projections, computed here from the files.
        float[] x = Npy.read(run.resolve("activations/conv4.npy")).toFloatArray();
        float[] d = Npy.read(run.resolve("directions/pca.npy")).toFloatArray();
        List<String> stimuli = Files.readAllLines(run.resolve("activations/stimuli.csv"));
        int n = 400;
        float[] p = new float[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < 128; j++) {
                s += (double) x[i * 128 + j] * d[128 + j];
            }
            p[i] = (float) s;
            y[i] = Integer.parseInt(stimuli.get(i + 1).split(",")[2]);
        }
        Selectivity.Scores s = Selectivity.all(p, y, 100);
        assertEquals(s.ccmas(), Double.parseDouble(rows.get("1/selectivity.ccmas")[4]), 1e-4);
        assertEquals(s.precision(), Double.parseDouble(rows.get("1/selectivity.precision")[4]), 1e-9);
        assertEquals(s.topClass(), Double.parseDouble(rows.get("1/selectivity.top_class")[4]), 1e-9);
        double hoyer = Double.parseDouble(rows.get("0/sparsity.hoyer")[4]);
        assertTrue(hoyer >= 0 && hoyer <= 1);
    }

    @Test
    void ablationScoresAreAccuracyDropsAndComeWithCurves() throws Exception {
        Path out = tmp.resolve("ablation/scores.csv");
        CliRunner.Result r = CliRunner.run("score", "--candidates", run.resolve("candidates/pca").toString(),
                "--scorers", "ablation", "--option", "ablation-step=2", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        Map<String, String[]> rows = rows(out);
        assertEquals(4, rows.size());
        for (int k = 0; k < 4; k++) {
            String[] row = rows.get(k + "/ablation");
            var params = org.ipb.core.Json.MAPPER.readTree(row[6].substring(1, row[6].length() - 1).replace("\"\"", "\""));
            assertEquals(400, params.get("images").asInt());
            assertEquals(params.get("intactAccuracy").asDouble() - params.get("accuracy").asDouble(),
                    Double.parseDouble(row[4]), 1e-9);
        }
        List<String> curves = Files.readAllLines(tmp.resolve("ablation/scores-figures/ablation-curves.csv"));
        assertEquals("order,removed,accuracy", curves.get(0));
        assertTrue(Files.size(tmp.resolve("ablation/scores-figures/ablation-curves.png")) > 1000);
    }

    @Test
    void badInputsExitWith2() {
        CliRunner.Result unknown = CliRunner.run("score", "--candidates", run.resolve("candidates/pca").toString(),
                "--scorers", "mis,vibes", "--out", tmp.resolve("never.csv").toString());
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown scorer 'vibes'"), unknown.err());
        CliRunner.Result observer = CliRunner.run("score", "--candidates", run.resolve("candidates/pca").toString(),
                "--observer", "dreamsim", "--out", tmp.resolve("never.csv").toString());
        assertEquals(2, observer.exitCode());
        CliRunner.Result missing = CliRunner.run("score", "--candidates", tmp.resolve("nothing").toString(),
                "--out", tmp.resolve("never.csv").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(Files.notExists(tmp.resolve("never.csv")));
    }
}
