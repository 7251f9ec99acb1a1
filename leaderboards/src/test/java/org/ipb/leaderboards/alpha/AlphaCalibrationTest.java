package org.ipb.leaderboards.alpha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ipb.core.UserError;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.Protocol;
import org.ipb.core.candidates.Task;
import org.ipb.scorers.mis.AlphaFile;
import org.ipb.scorers.mis.EmbeddingLookup;
import org.ipb.scorers.mis.MachineInterpretabilityScore;
import org.ipb.study.store.Judgment;
import org.junit.jupiter.api.Test;

/**
 * The alpha fit on a fixture whose deltas are known by construction: each task has one reference
 * per side, E+ = (1, 0) and E- = (0, 1), and queries q+ = (cos t, sin t), q- = (sin t, cos t), so
 * delta = 2 (cos t - sin t). Responses are drawn from sigmoid(ALPHA · delta) with a seeded
 * generator: a test fixture of the estimator (source {@code app}), not human data.
 */
class AlphaCalibrationTest {
    static final double ALPHA = 2.0;
    static final Path DB = Path.of("fixture.db");

    final Map<String, float[]> space = new HashMap<>();

    CandidateSet set(int directions, int tasks) {
        List<CandidateDirection> ds = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(11);
        for (int d = 0; d < directions; d++) {
            // Directions differ in how easy their tasks are: angles centred on a per-direction value.
            double centre = Math.PI / 4 * (1 - 1.6 * d / (directions - 1.0) + 0.8);
            List<Task> ts = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                double angle = Math.max(0, Math.min(Math.PI / 2, centre + 0.3 * (rnd.nextDouble() - 0.5)));
                String p = d + "-" + t + "-";
                space.put(p + "ep", new float[] {1, 0});
                space.put(p + "em", new float[] {0, 1});
                space.put(p + "qp", new float[] {(float) Math.cos(angle), (float) Math.sin(angle)});
                space.put(p + "qm", new float[] {(float) Math.sin(angle), (float) Math.cos(angle)});
                ts.add(new Task(t, List.of(new Exemplar(p + "ep", 0, 1)), List.of(new Exemplar(p + "em", 1, 0)),
                        new Exemplar(p + "qp", 2, 1), new Exemplar(p + "qm", 3, 0)));
            }
            ds.add(new CandidateDirection("m:l:basis:" + d, d, List.of(), List.of(), ts));
        }
        return new CandidateSet(CandidateSet.KIND, CandidateSet.FORMAT_VERSION, "m", "l", "basis", "set", 1000, 8,
                directions, new Protocol(0.2, 1, tasks, 0, 200), ds, Map.of());
    }

    /** {@code repeats} responses per task from a psychometric observer with slope {@code alpha}. */
    List<Judgment> responses(CandidateSet set, String source, double alpha, int repeats, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        EmbeddingLookup e = EmbeddingLookup.of(space);
        List<Judgment> out = new ArrayList<>();
        int trial = 0;
        for (CandidateDirection d : set.directions()) {
            for (Task t : d.tasks()) {
                double p = MachineInterpretabilityScore.sigmoid(alpha * MachineInterpretabilityScore.delta(t, e));
                for (int r = 0; r < repeats; r++) {
                    boolean correct = rnd.nextDouble() < p;
                    boolean maxIsA = rnd.nextBoolean();
                    String a = maxIsA ? t.maxQuery().id() : t.minQuery().id();
                    String b = maxIsA ? t.minQuery().id() : t.maxQuery().id();
                    String right = maxIsA ? "a" : "b";
                    String chosen = correct ? right : (maxIsA ? "b" : "a");
                    out.add(new Judgment("fixture", "P" + r, "s1", source, trial++, 1, "main", false, d.id(), "l",
                            "natural", "natural", a, b, right, chosen, correct, 2, 1.0, null));
                }
            }
        }
        return out;
    }

    @Test
    void recoversTheGeneratingSlopeAndPredictsHeldOutDirections() {
        CandidateSet set = set(20, 20);
        List<Judgment> js = new ArrayList<>(responses(set, "app", ALPHA, 10, 1));
        js.addAll(responses(set, "simulated", 50, 2, 2)); // must be ignored
        AlphaFile a = AlphaCalibration.fit(List.of(set), js, EmbeddingLookup.of(space), "obs", 0, DB, "fixture");
        AlphaFile.Fit f = a.fit();
        System.out.printf("fixture alpha %.4f +- %.4f (true %.1f); held-out r %.3f on %d directions%n", a.alpha(),
                a.standardError(), ALPHA, f.heldOutPearson(), f.heldOutDirections());
        assertEquals("obs", a.observer());
        assertEquals(ALPHA, a.alpha(), 4 * a.standardError(), "alpha within 4 SE of the generating slope");
        assertTrue(a.standardError() > 0 && a.standardError() < 0.5, "SE " + a.standardError());
        assertFalse(a.atBound());
        assertEquals(10, f.fitDirections());
        assertEquals(10, f.heldOutDirections());
        assertEquals(2000, f.fitTrials());
        assertEquals(4000, f.humanTrials());
        assertEquals(10, f.participants());
        assertEquals(800, f.simulatedIgnored());
        assertTrue(f.heldOutPearson() > 0.8, "held-out r " + f.heldOutPearson());
        assertTrue(f.heldOutLogLikelihoodPerTrial() > f.chanceLogLikelihoodPerTrial());
        // Same inputs and seed, same file; another seed splits the directions differently.
        assertEquals(a.alpha(), AlphaCalibration.fit(List.of(set), js, EmbeddingLookup.of(space), "obs", 0, DB, "fixture").alpha());
        assertTrue(a.alpha() != AlphaCalibration.fit(List.of(set), js, EmbeddingLookup.of(space), "obs", 1, DB, "fixture").alpha());
    }

    @Test
    void simulatedOnlyAndTooFewDirectionsAreRefused() {
        CandidateSet set = set(20, 5);
        UserError sim = assertThrows(UserError.class, () -> AlphaCalibration.fit(List.of(set),
                responses(set, "simulated", ALPHA, 3, 1), EmbeddingLookup.of(space), "obs", 0, DB, "fixture"));
        assertTrue(sim.getMessage().startsWith(DB + ": ") && sim.getMessage().contains("300 simulated"),
                sim.getMessage());
        assertThrows(UserError.class, () -> AlphaCalibration.fit(List.of(set), responses(set, "bench", ALPHA, 3, 1),
                EmbeddingLookup.of(space), "obs", 0, DB, "fixture"));
        CandidateSet few = set(9, 5);
        UserError e = assertThrows(UserError.class, () -> AlphaCalibration.fit(List.of(few),
                responses(few, "app", ALPHA, 3, 1), EmbeddingLookup.of(space), "obs", 0, DB, "fixture"));
        assertTrue(e.getMessage().contains("9 directions") && e.getMessage().contains("10"), e.getMessage());
    }

    @Test
    void aNonPositiveSlopeIsRefused() {
        CandidateSet set = set(20, 10);
        // Observers who pick the query the machine rejects: the fitted slope is negative.
        UserError e = assertThrows(UserError.class, () -> AlphaCalibration.fit(List.of(set),
                responses(set, "app", -ALPHA, 5, 3), EmbeddingLookup.of(space), "obs", 0, DB, "fixture"));
        assertTrue(e.getMessage().contains("not positive"), e.getMessage());
    }
}
