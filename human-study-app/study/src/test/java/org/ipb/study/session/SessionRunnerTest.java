package org.ipb.study.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ipb.study.analysis.Summary;
import org.ipb.study.design.Fixtures;
import org.ipb.study.design.StudyDesign;
import org.ipb.study.store.Judgment;
import org.ipb.study.store.JudgmentStore;
import org.ipb.study.store.JudgmentStore.PlannedTrial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionRunnerTest {
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    static String right(PlannedTrial t) {
        return t.correctSide();
    }

    static String wrong(PlannedTrial t) {
        return t.correctSide().equals("a") ? "b" : "a";
    }

    @Test
    void resumesAtTheFirstUnansweredTrial(@TempDir Path tmp) {
        Path db = tmp.resolve("j.db");
        var clock = new SimulatedObserver.AdvancingClock(T0);
        try (JudgmentStore store = JudgmentStore.open(db)) {
            StudyDesign.create(store, List.of(Fixtures.set(12, 3)),
                    new StudyDesign.Options("s", 2, 2, 0, 5, 0, 3, 5, false, false, 1));
            SessionRunner r = SessionRunner.open(store, "s", "P01", "app", clock);
            for (int i = 0; i < 7; i++) {
                var p = r.current();
                assertEquals(i, p.trial().trialIndex());
                var out = r.answer(right(p.trial()), 2, 1.0, p.onset());
                assertTrue(out.correct());
                assertEquals(i == 4, out.breakNext(), "break after the first block of 5");
            }
        }
        try (JudgmentStore store = JudgmentStore.open(db)) {
            SessionRunner r = SessionRunner.open(store, "s", "P01", "app", clock);
            assertEquals(7, r.answered());
            assertEquals(7, r.current().trial().trialIndex(), "resumes at trial 8");
            List<Judgment> js = store.judgments("s");
            assertEquals(7, js.size());
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), js.stream().map(Judgment::trialIndex).toList());
            int n = 7;
            while (r.current() != null) {
                var p = r.current();
                r.answer(wrong(p.trial()), null, 2.0, p.onset());
                n++;
            }
            assertTrue(r.finished());
            assertEquals(n, store.judgments("s").size());
            assertEquals(14, n);
            assertEquals(List.of("session_start", "break", "session_resume", "break", "session_end"),
                    store.eventKinds("s", "P01", StudyDesign.SESSION));
            assertEquals(n, store.judgments("s").stream().map(Judgment::trialIndex).distinct().count());
        }
    }

    @Test
    void practiceRepeatsUntilCorrect(@TempDir Path tmp) {
        var clock = new SimulatedObserver.AdvancingClock(T0);
        try (JudgmentStore store = JudgmentStore.open(tmp.resolve("j.db"))) {
            StudyDesign.create(store, List.of(Fixtures.set(6, 3)),
                    new StudyDesign.Options("s", 2, 1, 0, 5, 2, 3, 40, false, false, 1));
            SessionRunner r = SessionRunner.open(store, "s", "P01", "app", clock);
            // practice 0: wrong, wrong, wrong -> gives up after 3 attempts
            for (int a = 0; a < 3; a++) {
                var p = r.current();
                assertEquals("practice", p.trial().trialType());
                assertEquals(a, p.trial().attempt());
                var out = r.answer(wrong(p.trial()), 1, 1.0, p.onset());
                assertFalse(out.correct());
                assertTrue(out.showFeedback());
                assertEquals(a < 2, out.repeated());
            }
            // practice 1: wrong, then right
            var p = r.current();
            assertEquals("practice", p.trial().trialType());
            assertEquals(3, p.trial().trialIndex());
            assertTrue(r.answer(wrong(p.trial()), 1, 1.0, p.onset()).repeated());
            p = r.current();
            assertEquals(4, p.trial().trialIndex());
            assertEquals(1, p.trial().attempt());
            var out = r.answer(right(p.trial()), 1, 1.0, p.onset());
            assertFalse(out.repeated());
            assertFalse(out.breakNext(), "no break after practice: the main introduction comes instead");
            assertFalse(r.current().trial().trialType().equals("practice"));
            assertEquals(6, r.current().trial().trialIndex());
            assertEquals(5, store.judgments("s").stream().filter(j -> j.trialType().equals("practice")).count());
        }
    }

    @Test
    void simulatedAccuracyFollowsTheLatent(@TempDir Path tmp) {
        var clock = new SimulatedObserver.AdvancingClock(T0);
        try (JudgmentStore store = JudgmentStore.open(tmp.resolve("j.db"))) {
            StudyDesign.create(store, List.of(Fixtures.set(30, 3)),
                    new StudyDesign.Options("s", 8, 8, 0, 5, 2, 3, 40, false, false, 3));
            Map<String, Double> latent = new HashMap<>();
            java.util.Random rng = new java.util.Random(5);
            for (int d = 0; d < 30; d++) {
                latent.put("m:l:pca:" + d, rng.nextGaussian());
            }
            double lapse = 0.05;
            for (String who : store.participants("s")) {
                var obs = new SimulatedObserver(lapse, 4.0, latent, who.hashCode());
                obs.run(SessionRunner.open(store, "s", who, "simulated", clock), clock);
            }
            List<Judgment> js = store.judgments("s");
            var rows = Summary.compute(js, List.of("direction"));
            assertEquals(30, rows.size());
            double[] x = new double[30];
            double[] y = new double[30];
            for (int i = 0; i < 30; i++) {
                x[i] = latent.get(rows.get(i).keys().get(0));
                y[i] = rows.get(i).accuracy();
                assertEquals(8, rows.get(i).nParticipants());
            }
            double r = pearson(x, y);
            assertTrue(r > 0.5, "accuracy correlates with the latent: r = " + r);
            long catchN = js.stream().filter(Judgment::catchTrial).count();
            long catchOk = js.stream().filter(j -> j.catchTrial() && j.correct()).count();
            assertTrue(catchN >= 24, "catch trials: " + catchN);
            assertTrue(Math.abs(catchOk / (double) catchN - (1 - lapse / 2)) < 0.1,
                    "catch accuracy " + catchOk + "/" + catchN);
            assertTrue(js.stream().allMatch(j -> j.rtS() > 0 && j.onset() != null && j.source().equals("simulated")));
        }
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

    @Test
    void finishedSessionHasNoCurrent(@TempDir Path tmp) {
        var clock = new SimulatedObserver.AdvancingClock(T0);
        try (JudgmentStore store = JudgmentStore.open(tmp.resolve("j.db"))) {
            StudyDesign.create(store, List.of(Fixtures.set(2, 1)),
                    new StudyDesign.Options("s", 1, 1, 0, 0, 0, 1, 40, true, false, 1));
            SessionRunner r = SessionRunner.open(store, "s", "P01", "app", clock);
            var p = r.current();
            assertTrue(r.answer(right(p.trial()), 3, 0.5, p.onset()).showFeedback());
            p = r.current();
            assertTrue(r.answer(right(p.trial()), 3, 0.5, p.onset()).finished());
            assertNull(r.current());
        }
    }
}
