package org.ipb.study.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.ipb.study.store.JudgmentStore;
import org.ipb.study.store.StudyLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Link tokens: one per participant, stable across openings, different per database, exact matches only. */
class LinkTokensTest {
    @Test
    void tokensAreStablePerDatabaseAndOnlyAnExactTokenMatches(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a.db");
        Path b = tmp.resolve("b.db");
        WebFixtures.create(a, 3, 2, 0, 40);
        WebFixtures.create(b, 3, 2, 0, 40);
        LinkTokens ta;
        LinkTokens ta2;
        LinkTokens tb;
        try (JudgmentStore s = JudgmentStore.open(StudyLocation.processOnly(a))) {
            ta = LinkTokens.of(s, WebFixtures.STUDY);
            ta2 = LinkTokens.of(s, WebFixtures.STUDY);
        }
        try (JudgmentStore s = JudgmentStore.open(StudyLocation.processOnly(b))) {
            tb = LinkTokens.of(s, WebFixtures.STUDY);
        }
        Set<String> all = new HashSet<>();
        for (String p : ta.participants()) {
            assertEquals(ta.token(p), ta2.token(p), "the same link every time");
            assertNotEquals(ta.token(p), tb.token(p), "another database, another key");
            assertEquals(p, ta.participant(ta.token(p)));
            assertNull(tb.participant(ta.token(p)));
            all.add(ta.token(p));
            String t = ta.token(p);
            for (int i = 0; i < t.length(); i += 7) {
                char c = t.charAt(i) == 'A' ? 'B' : 'A';
                assertNull(ta.participant(t.substring(0, i) + c + t.substring(i + 1)), "one character off at " + i);
            }
            assertNull(ta.participant(t.substring(1)));
            assertNull(ta.participant(t + "A"));
            assertEquals(10, ta.completionCode(p).length());
        }
        assertEquals(3, all.size());
        assertNull(ta.participant(null));
        assertEquals(false, ta.isEntryToken(ta.token("P01")));
        assertEquals(true, ta.isEntryToken(ta.entryToken()));
    }
}
