package org.ipb.study.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ipb.core.UserError;
import org.ipb.study.importer.Borowski2021Importer;
import org.ipb.study.store.Judgment;
import org.ipb.study.store.JudgmentStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExclusionsTest {
    static Judgment trial(String participant, int index, boolean isCatch, boolean correct, Double rt) {
        return new Judgment("s", participant, "session-1", "app", index, 1, "main", isCatch, "d" + index, "layer_3",
                "natural", "natural", "a.png", "b.png", "a", correct ? "a" : "b", correct, 2, rt, null);
    }

    /** p75: 3 of 4 catch trials right; p80: 4 of 5; nocatch: none; each with two main trials. */
    static List<Judgment> tinyStore(Path tmp) {
        List<Judgment> js = new ArrayList<>();
        int i = 0;
        for (boolean c : new boolean[] {true, true, true, false}) {
            js.add(trial("p75", i++, true, c, 1.0));
        }
        js.add(trial("p75", i++, false, true, 1.0));
        js.add(trial("p75", i++, false, false, 1.0));
        i = 0;
        for (boolean c : new boolean[] {true, true, false, true, true}) {
            js.add(trial("p80", i++, true, c, 1.0));
        }
        js.add(trial("p80", i++, false, true, 0.1));
        js.add(trial("p80", i++, false, true, 12.0));
        js.add(trial("p80", i++, false, true, null));
        js.add(trial("nocatch", 0, false, true, 0.2));
        js.add(trial("nocatch", 1, false, false, 10.0));
        try (JudgmentStore store = JudgmentStore.open(tmp.resolve("tiny.db"))) {
            store.recordAll(js);
            return store.judgments(null);
        }
    }

    @Test
    void catchAccuracyBelowMinimumExcludesTheParticipant(@TempDir Path tmp) {
        List<Judgment> js = tinyStore(tmp);
        Exclusions.Result r = Exclusions.apply(js, Exclusions.Criteria.DEFAULTS);
        assertEquals(3, r.participants());
        assertEquals(1, r.excludedParticipants().size());
        Exclusions.ExcludedParticipant p = r.excludedParticipants().get(0);
        assertEquals("p75", p.participant());
        assertEquals(0.75, p.catchAccuracy());
        assertTrue(p.reason().contains("catch accuracy 0.750 (3/4) < 0.8"), p.reason());
        assertEquals(List.of("s/nocatch"), r.withoutCatchTrials());
        assertEquals(6, r.excludedTrials());
        assertTrue(r.droppedByRt().isEmpty());
        assertEquals(js.size() - 6, r.kept().size());
        assertTrue(r.kept().stream().noneMatch(j -> j.participant().equals("p75")));
        for (Judgment j : js) {
            assertEquals(j.participant().equals("p75"), r.excluded(j));
        }
        // a stricter threshold catches p80 too
        assertEquals(2, Exclusions.apply(js, new Exclusions.Criteria(0.81, null, null)).excludedParticipants().size());
        assertEquals(0, Exclusions.apply(js, Exclusions.Criteria.NONE).excludedTrials());
    }

    @Test
    void rtBoundsDropTheRightTrials(@TempDir Path tmp) {
        List<Judgment> js = tinyStore(tmp);
        Exclusions.Result r = Exclusions.apply(js, new Exclusions.Criteria(null, 0.2, 10.0));
        assertTrue(r.excludedParticipants().isEmpty());
        // bounds are inclusive: 0.2 and 10.0 stay; 0.1 and 12.0 go; no RT stays
        assertEquals(2, r.droppedByRt().size());
        assertEquals(List.of(5, 6), r.droppedByRt().stream().map(d -> d.judgment().trialIndex()).toList());
        assertTrue(r.droppedByRt().stream().allMatch(d -> d.judgment().participant().equals("p80")));
        assertEquals("rt 0.1 s < 0.2 s", r.droppedByRt().get(0).reason());
        assertEquals("rt 12 s > 10 s", r.droppedByRt().get(1).reason());
        assertEquals(js.size() - 2, r.kept().size());
        Judgment noRt = js.stream().filter(j -> j.rtS() == null).findFirst().orElseThrow();
        assertNull(r.reason(noRt));
        // both criteria: the p75 trials carry the participant reason, p80's two slow/fast trials the RT one
        Exclusions.Result both = Exclusions.apply(js, new Exclusions.Criteria(0.8, 0.2, 10.0));
        assertEquals(8, both.excludedTrials());
        Judgment p75 = js.stream().filter(j -> j.participant().equals("p75")).findFirst().orElseThrow();
        assertFalse(both.kept().contains(p75));
        assertTrue(both.reason(p75).startsWith("catch accuracy"));
    }

    @Test
    void badCriteriaAreUserErrors() {
        assertThrows(UserError.class, () -> new Exclusions.Criteria(1.5, null, null));
        assertThrows(UserError.class, () -> new Exclusions.Criteria(null, 5.0, 1.0));
    }

    /** Borowski et al. 2021, experiment I: the default criterion on the published data. */
    @Test
    void realExperimentOne(@TempDir Path tmp) {
        Path dir = Path.of(System.getProperty("ipb.home", "..")).resolve("../shared/reference-data/borowski2021")
                .normalize();
        Assumptions.assumeTrue(org.ipb.core.ReferenceData.present("borowski2021", dir), "reference data absent: " + dir);
        List<Judgment> js = Borowski2021Importer.read(
                dir.resolve("experiment_I_main_practice_catch_repeated_trials_preprocessed.csv"));
        Exclusions.Result r = Exclusions.apply(js, Exclusions.Criteria.DEFAULTS);
        List<Summary.Row> rows = Summary.compute(r.kept(), List.of("reference"));
        System.out.printf("borowski2021-I: excluded %d of %d participants %s; without catch %s%n",
                r.excludedParticipants().size(), r.participants(), r.excludedParticipants(), r.withoutCatchTrials());
        rows.forEach(row -> System.out.printf("  %s n=%d accuracy=%.6f participant-mean=%.6f%n", row.keys(),
                row.nTrials(), row.accuracy(), row.accuracyParticipantMean()));
        // every participant got at least 17 of 18 catch trials right
        assertEquals(10, r.participants());
        assertEquals(0, r.excludedParticipants().size());
        assertTrue(r.withoutCatchTrials().isEmpty());
        Summary.Row natural = rows.stream().filter(x -> x.keys().equals(List.of("natural"))).findFirst().orElseThrow();
        Summary.Row synthetic = rows.stream().filter(x -> x.keys().equals(List.of("synthetic"))).findFirst()
                .orElseThrow();
        assertEquals(415.0 / 450, natural.accuracy(), 1e-12);
        assertEquals(369.0 / 450, synthetic.accuracy(), 1e-12);
    }
}
