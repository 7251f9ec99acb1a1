package org.ipb.study.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ipb.core.UserError;
import org.ipb.study.store.Judgment;
import org.junit.jupiter.api.Test;

/** The participant-level criteria of IMI: time on instructions, session time, practice attempts, one participation. */
class ImiExclusionsTest {
    private static Judgment j(String study, String participant, String session, int index, String type,
            String direction, Instant onset) {
        return new Judgment(study, participant, session, "web", index, type.equals("practice") ? 0 : 1, type, false,
                direction, "l", "Min-Max-9", "natural", "q1", "q2", "a", "a", true, 2, 1.0, onset);
    }

    /** p1: 3 practice answers on d0 (two repeats); p2: one; p3: a second session; p4 is p1's person elsewhere. */
    private static List<Judgment> judgments() {
        Instant t = Instant.parse("2024-05-01T10:00:00Z");
        List<Judgment> js = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            js.add(j("s", "p1", "session-1", a, "practice", "d0", t.plusSeconds(a)));
        }
        js.add(j("s", "p1", "session-1", 3, "main", "d1", t.plusSeconds(10)));
        js.add(j("s", "p2", "session-1", 0, "practice", "d0", t.plusSeconds(5)));
        js.add(j("s", "p2", "session-1", 1, "main", "d1", t.plusSeconds(20)));
        js.add(j("s", "p3", "session-1", 0, "main", "d1", t));
        js.add(j("s", "p3", "session-2", 0, "main", "d1", t.plusSeconds(3600)));
        js.add(j("other", "p4", "session-1", 0, "main", "d1", t.plusSeconds(7200)));
        return js;
    }

    private static Map<String, String> reasons(Exclusions.Result r) {
        return r.excludedParticipants().stream().collect(Collectors.toMap(p -> p.study() + "/" + p.participant(),
                Exclusions.ExcludedParticipant::reason));
    }

    @Test
    void eachCriterionExcludesExactlyItsParticipants() {
        List<Judgment> js = judgments();
        Map<String, Exclusions.ParticipantFacts> facts = Map.of(
                "s\u0000p1", new Exclusions.ParticipantFacts(4.0, 300.0, "person-a"),
                "s\u0000p2", new Exclusions.ParticipantFacts(40.0, 3000.0, null),
                "other\u0000p4", new Exclusions.ParticipantFacts(60.0, 400.0, "person-a"));
        Exclusions.Result instr = Exclusions.apply(js, new Exclusions.Criteria(null, null, null, 15.0, null, null,
                null, false), facts);
        assertEquals(Map.of("s/p1", "instructions 4.0 s < 15 s"), reasons(instr));
        assertEquals(4, instr.excludedTrials());

        Exclusions.Result total = Exclusions.apply(js, new Exclusions.Criteria(null, null, null, null, 350.0, 2500.0,
                null, false), facts);
        assertEquals(Map.of("s/p1", "session 300.0 s < 350 s", "s/p2", "session 3000.0 s > 2500 s"), reasons(total));

        Exclusions.Result attempts = Exclusions.apply(js, new Exclusions.Criteria(null, null, null, null, null, null,
                2, false), facts);
        assertEquals(Map.of("s/p1", "practice attempts 3 > 2"), reasons(attempts));

        Exclusions.Result once = Exclusions.apply(js, new Exclusions.Criteria(null, null, null, null, null, null,
                null, true), facts);
        assertEquals(Map.of("s/p3", "participated in 2 sessions", "other/p4",
                "same person as s/p1 (participation 2 of 2)"), reasons(once));

        Exclusions.Result none = Exclusions.apply(js, Exclusions.Criteria.NONE, facts);
        assertEquals(0, none.excludedTrials());
        assertEquals(js.size(), none.kept().size());
    }

    @Test
    void participantsWithoutFactsAreKeptByTheTimeCriteria() {
        Exclusions.Result r = Exclusions.apply(judgments(), new Exclusions.Criteria(null, null, null, 15.0, 350.0, null,
                null, false), Map.of());
        assertEquals(0, r.excludedTrials());
    }

    @Test
    void badBoundsAreUserErrors() {
        UserError e = assertThrows(UserError.class, () -> new Exclusions.Criteria(null, null, null, null, 10.0, 5.0,
                null, false));
        assertTrue(e.getMessage().contains("minimum total time"), e.getMessage());
        assertThrows(UserError.class, () -> new Exclusions.Criteria(null, null, null, -1.0, null, null, null, false));
        assertThrows(UserError.class, () -> new Exclusions.Criteria(null, null, null, null, null, null, 0, false));
    }
}
