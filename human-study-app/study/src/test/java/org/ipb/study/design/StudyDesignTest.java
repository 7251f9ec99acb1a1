package org.ipb.study.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ipb.core.UserError;
import org.ipb.study.store.JudgmentStore;
import org.ipb.study.store.JudgmentStore.PlannedTrial;
import org.ipb.study.store.JudgmentStore.StoredTrial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyDesignTest {
    static StudyDesign.Options opts(int participants, int perDirection, int practice, int block) {
        return new StudyDesign.Options("s", participants, perDirection, 0, 5, practice, 3, block, false, false, 7);
    }

    @Test
    void counterbalancing() {
        StudyDesign.Plan plan = StudyDesign.build(List.of(Fixtures.set(20, 3), Fixtures.set(13, 4, "basis")),
                opts(8, 5, 2, 10));
        assertEquals(8, plan.trials().size());
        Map<String, Set<String>> answeredBy = new HashMap<>();
        int minMain = Integer.MAX_VALUE;
        int maxMain = 0;
        for (var e : plan.trials().entrySet()) {
            Set<String> seen = new HashSet<>();
            int main = 0;
            int catches = 0;
            int left = 0;
            int right = 0;
            int last = -1;
            for (PlannedTrial t : e.getValue()) {
                assertTrue(t.trialIndex() > last);
                last = t.trialIndex();
                assertEquals(9, t.maxReferences().size());
                assertEquals(9, t.minReferences().size());
                if (t.trialType().equals("practice")) {
                    assertEquals(0, t.block());
                    continue;
                }
                assertTrue(t.block() >= 1);
                if (t.correctSide().equals("a")) {
                    left++;
                } else {
                    right++;
                }
                String max = t.correctSide().equals("a") ? t.queryA() : t.queryB();
                if (t.catchTrial()) {
                    catches++;
                    assertEquals("catch", t.trialType());
                    assertTrue(t.maxReferences().contains(max), "catch trial shows the query among the references");
                } else {
                    main++;
                    assertTrue(!t.maxReferences().contains(max));
                    assertTrue(seen.add(t.direction()), "participant sees a direction twice");
                    answeredBy.computeIfAbsent(t.direction(), k -> new HashSet<>()).add(e.getKey());
                }
            }
            assertTrue(Math.abs(left - right) <= 1, "left/right balance " + left + "/" + right);
            assertEquals(Math.round(main * 5 / 40.0), catches, "catch per 40 main");
            minMain = Math.min(minMain, main);
            maxMain = Math.max(maxMain, main);
        }
        assertEquals(33, answeredBy.size());
        answeredBy.values().forEach(s -> assertEquals(5, s.size()));
        assertTrue(maxMain - minMain <= 1);
        // practice: the directions with the largest activation gap
        assertEquals(List.of("m:l:pca:19", "m:l:pca:18"), plan.practiceDirections());
        // deterministic
        assertEquals(plan, StudyDesign.build(List.of(Fixtures.set(20, 3), Fixtures.set(13, 4, "basis")), opts(8, 5, 2, 10)));
    }

    @Test
    void refusesRepeatsUnlessAllowed() {
        assertThrows(UserError.class, () -> opts(3, 4, 0, 40));
        var o = new StudyDesign.Options("s", 3, 4, 0, 5, 0, 3, 40, false, true, 1);
        StudyDesign.Plan plan = StudyDesign.build(List.of(Fixtures.set(3, 3)), o);
        assertEquals(12, plan.trials().values().stream()
                .mapToLong(l -> l.stream().filter(t -> !t.catchTrial()).count()).sum());
    }

    @Test
    void sampleOfDirectionsPerSet() {
        var o = new StudyDesign.Options("s", 4, 2, 5, 5, 0, 3, 40, false, false, 3);
        assertEquals(5, StudyDesign.build(List.of(Fixtures.set(12, 3)), o).directions().size());
    }

    @Test
    void storedWithAllTwentyImages(@TempDir Path tmp) {
        try (JudgmentStore store = JudgmentStore.open(tmp.resolve("j.db"))) {
            StudyDesign.Plan plan = StudyDesign.create(store, List.of(Fixtures.set(6, 3)), opts(4, 2, 1, 40));
            assertEquals(List.of("P01", "P02", "P03", "P04"), store.participants("s"));
            List<StoredTrial> back = store.sessionTrials("s", "P02", StudyDesign.SESSION);
            assertEquals(plan.trials().get("P02"), back.stream().map(StoredTrial::plan).toList());
            assertTrue(back.stream().noneMatch(StoredTrial::answered));
            assertEquals(0, store.countResponses());
            assertEquals(opts(4, 2, 1, 40), StudyDesign.options(store, "s"));
            assertThrows(UserError.class, () -> StudyDesign.create(store, List.of(Fixtures.set(6, 3)),
                    opts(4, 2, 1, 40)));
        }
    }
}
