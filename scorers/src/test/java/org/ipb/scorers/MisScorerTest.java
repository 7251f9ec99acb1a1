package org.ipb.scorers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ipb.core.Json;
import org.ipb.core.UserError;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.Protocol;
import org.ipb.core.candidates.Task;
import org.ipb.scorers.mis.AlphaFile;
import org.ipb.scorers.mis.EmbeddingLookup;
import org.ipb.scorers.observers.Observer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mis scorer's rows: hard score, margin, and the soft score only from an alpha fitted for this observer. */
class MisScorerTest {
    @TempDir
    Path dir;

    /** Two tasks: delta +2 (q+ = E+) and -2 (queries swapped in the embedding). */
    static final Map<String, float[]> SPACE = Map.of("ep", new float[] {1, 0}, "em", new float[] {0, 1},
            "a", new float[] {1, 0}, "b", new float[] {0, 1}, "c", new float[] {0, 1}, "d", new float[] {1, 0});

    static CandidateSet set() {
        Task right = new Task(0, List.of(new Exemplar("ep", 0, 9)), List.of(new Exemplar("em", 1, 0)),
                new Exemplar("a", 2, 8), new Exemplar("b", 3, 1));
        Task wrong = new Task(1, List.of(new Exemplar("ep", 0, 9)), List.of(new Exemplar("em", 1, 0)),
                new Exemplar("c", 4, 8), new Exemplar("d", 5, 1));
        CandidateDirection d = new CandidateDirection("m:l:pca:0", 0, List.of(), List.of(), List.of(right, wrong));
        return new CandidateSet(CandidateSet.KIND, CandidateSet.FORMAT_VERSION, "m", "l", "pca", "s", 10, 2, 1,
                new Protocol(0.2, 1, 2, 0, 2), List.of(d), Map.of());
    }

    static Observer observer(String name) {
        EmbeddingLookup e = EmbeddingLookup.of(SPACE);
        return new Observer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public float[] embedding(String id) {
                return e.embedding(id);
            }

            @Override
            public void close() {}
        };
    }

    Path alphaFile(String observer, double alpha) {
        Path f = dir.resolve("alpha-" + observer + ".json");
        Json.write(f, new AlphaFile(AlphaFile.KIND, AlphaFile.FORMAT_VERSION, observer, alpha, 0.1, false,
                new AlphaFile.Fit("db", "0", 0, 100, 5, 0, 10, 50, 10, 50, 0.5, 0.5, -0.6, Math.log(0.5)), Map.of()));
        return f;
    }

    List<ScoreRow> score(Map<String, String> options, String observer) {
        return Scorers.get("mis").score(new ScoringContext(Path.of("c.json"), set(), observer(observer), options, null));
    }

    @Test
    void hardScoreAndMarginWithoutAnAlpha() {
        List<ScoreRow> rows = score(Map.of(), "obs");
        assertEquals(List.of("mis", "mis.delta"), rows.stream().map(ScoreRow::scorer).toList());
        assertEquals(0.5, rows.get(0).score(), 1e-12); // one of two tasks decided right
        assertEquals(0.5, rows.get(0).standardError(), 1e-12); // sd of (1, 0) = sqrt(1/2), / sqrt(2)
        assertEquals(0.0, rows.get(1).score(), 1e-12); // mean of +2 and -2
        assertEquals("2", rows.get(0).version());
    }

    @Test
    void softScoreOnlyWithAnAlphaFittedForThisObserver() throws Exception {
        Path f = alphaFile("obs", 1.0);
        List<ScoreRow> rows = score(Map.of("alpha-file", f.toString()), "obs");
        assertEquals(List.of("mis", "mis.delta", "mis.confidence"), rows.stream().map(ScoreRow::scorer).toList());
        // mean of sigmoid(2) and sigmoid(-2)
        assertEquals(0.5, rows.get(2).score(), 1e-12);
        assertEquals(1.0, rows.get(2).parameters().get("alpha"));

        UserError other = assertThrows(UserError.class, () -> score(Map.of("alpha-file", f.toString()), "another"));
        assertTrue(other.getMessage().startsWith(f + ": ") && other.getMessage().contains("another"),
                other.getMessage());
        UserError bare = assertThrows(UserError.class, () -> score(Map.of("alpha", "0.16"), "obs"));
        assertTrue(bare.getMessage().contains("alpha-file"), bare.getMessage());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"kind\": \"something\"}");
        UserError notAlpha = assertThrows(UserError.class, () -> score(Map.of("alpha-file", bad.toString()), "obs"));
        assertTrue(notAlpha.getMessage().startsWith(bad + ": "), notAlpha.getMessage());
        assertFalse(notAlpha.getMessage().contains("\n"));
    }
}
