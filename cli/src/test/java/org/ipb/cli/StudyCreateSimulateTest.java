package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.CandidateSets;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.Protocol;
import org.ipb.core.candidates.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ipb study create} + {@code simulate} + {@code export} + {@code human summary}, end to end. */
class StudyCreateSimulateTest {
    static Exemplar ex(int row, float a) {
        return new Exemplar(String.format("fake:%06d", row), row, a);
    }

    /** 6 directions x 3 tasks with fake image ids. */
    static CandidateSet set() {
        List<CandidateDirection> ds = new ArrayList<>();
        for (int d = 0; d < 6; d++) {
            List<Task> ts = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int base = (d * 3 + t) * 20;
                List<Exemplar> max = new ArrayList<>();
                List<Exemplar> min = new ArrayList<>();
                for (int i = 0; i < 9; i++) {
                    max.add(ex(base + i, 10f + d - i * 0.1f));
                    min.add(ex(base + 9 + i, -10f - d + i * 0.1f));
                }
                ts.add(new Task(t, max, min, ex(base + 18, 9f + d), ex(base + 19, -9f - d)));
            }
            ds.add(new CandidateDirection(CandidateSet.directionId("toy", "conv1", "pca", d), d, List.of(), List.of(),
                    ts));
        }
        return new CandidateSet(CandidateSet.KIND, CandidateSet.FORMAT_VERSION, "toy", "conv1", "pca", "fake", 360, 4,
                6, new Protocol(0.1, 9, 3, 1, 36), ds, Map.of());
    }

    @Test
    void createSimulateExportSummary(@TempDir Path tmp) throws Exception {
        Path cand = tmp.resolve("cands");
        Files.createDirectories(cand);
        CandidateSets.write(cand.resolve("candidates.json"), set());
        Path db = tmp.resolve("study.db");
        CliRunner.Result c = CliRunner.run("study", "create", "--candidates", cand.toString(), "--name", "toy-study",
                "--db", db.toString(), "--participants", "8", "--trials-per-direction", "8", "--catch-per-40", "20",
                "--practice", "2", "--block", "4", "--seed", "3", "--no-images");
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(c.out().contains("6 directions, 8 participants"), c.out());
        CliRunner.Result again = CliRunner.run("study", "create", "--candidates", cand.toString(), "--name",
                "toy-study", "--db", db.toString(), "--no-images");
        assertEquals(2, again.exitCode(), again.err());

        // latent interpretability from a score table as ipb score writes it; another scorer's rows are ignored
        double[] score = {-2.0, -1.0, -0.3, 0.3, 1.0, 2.0};
        StringBuilder sb = new StringBuilder("direction,index,scorer,version,score,standard_error,parameters\n");
        Map<String, Double> latent = new HashMap<>();
        for (int d = 0; d < 6; d++) {
            String id = CandidateSet.directionId("toy", "conv1", "pca", d);
            latent.put(id, score[d]);
            sb.append(id).append(',').append(d).append(",mis,1,").append(score[d]).append(",,\"{\"\"a\"\": 1}\"\n");
            sb.append(id).append(',').append(d).append(",other,1,").append(-score[d]).append(",,{}\n");
        }
        Path scores = tmp.resolve("scores.csv");
        Files.writeString(scores, sb.toString());
        CliRunner.Result s = CliRunner.run("study", "simulate", "--db", db.toString(), "--participants", "8",
                "--lapse", "0.05", "--slope", "4.0", "--scores", scores.toString(), "--scorer", "mis", "--seed", "1");
        assertEquals(0, s.exitCode(), s.err());
        assertTrue(s.out().contains("simulated 8 participants of toy-study"), s.out());

        Path sum = tmp.resolve("by-direction.csv");
        CliRunner.Result h = CliRunner.run("human", "summary", "--db", db.toString(), "--by", "direction", "--out",
                sum.toString());
        assertEquals(0, h.exitCode(), h.err());
        List<String> lines = Files.readAllLines(sum);
        assertEquals(7, lines.size(), String.join("\n", lines));
        List<String> header = List.of(lines.get(0).split(","));
        double[] x = new double[6];
        double[] y = new double[6];
        for (int i = 1; i < 7; i++) {
            String[] f = lines.get(i).split(",");
            x[i - 1] = latent.get(f[0]);
            y[i - 1] = Double.parseDouble(f[header.indexOf("accuracy")]);
            assertEquals("8", f[header.indexOf("n_participants")]);
        }
        double r = pearson(x, y);
        assertTrue(r > 0.5, "accuracy by direction correlates with the latent: r = " + r);

        Path csv = tmp.resolve("trials.csv");
        CliRunner.Result e = CliRunner.run("study", "export", "--db", db.toString(), "--format", "csv", "--out",
                csv.toString());
        assertEquals(0, e.exitCode(), e.err());
        List<String> rows = Files.readAllLines(csv);
        List<String> cols = List.of(rows.get(0).split(","));
        int catchN = 0;
        int catchOk = 0;
        int main = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            assertEquals("toy-study", f[0]);
            assertEquals("simulated", f[cols.indexOf("source")]);
            if (f[cols.indexOf("is_catch")].equals("true")) {
                catchN++;
                catchOk += f[cols.indexOf("correct")].equals("true") ? 1 : 0;
            } else if (f[cols.indexOf("trial_type")].equals("main")) {
                main++;
            }
        }
        assertEquals(48, main);
        assertEquals(24, catchN);
        assertTrue(catchOk >= 21, "catch accuracy near 1 - lapse/2: " + catchOk + "/" + catchN);
    }

    static double pearson(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
