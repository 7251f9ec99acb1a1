package org.ipb.scorers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.Protocol;
import org.ipb.core.candidates.SyntheticReferences;
import org.ipb.core.candidates.Task;
import org.ipb.scorers.mis.EmbeddingLookup;
import org.junit.jupiter.api.Test;

/** Coherence scores natural top exemplars, or a synthetic set's maximising visualizations. */
class CoherenceScorerTest {
    @Test
    void naturalTopExemplarsOrSyntheticMaxReferences() {
        // natural top exemplars: mutually orthogonal embeddings (coherence 0);
        // synthetic max references: identical embeddings (coherence 1)
        Map<String, float[]> emb = new HashMap<>();
        List<Exemplar> top = new ArrayList<>();
        List<Exemplar> synth = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            float[] e = new float[5];
            e[i] = 1;
            String id = String.format("s:%06d", i);
            emb.put(id, e);
            top.add(new Exemplar(id, i, 5 - i));
            String sid = SyntheticReferences.id("m:l:pca:0", true, i);
            emb.put(sid, new float[] {1, 1, 0, 0, 0});
            synth.add(new Exemplar(sid, -1, 9 - i));
        }
        Task task = new Task(0, synth, List.of(), top.get(0), top.get(1));
        CandidateDirection d = new CandidateDirection("m:l:pca:0", 0, top, List.of(), List.of(task));
        Map<String, Object> prov = new LinkedHashMap<>();
        CandidateSet natural = new CandidateSet(CandidateSet.KIND, CandidateSet.FORMAT_VERSION, "m", "l", "pca", "s", 5,
                5, 1, new Protocol(0.2, 9, 1, 0, 1), List.of(d), prov);
        prov.put("reference", SyntheticReferences.SYNTHETIC);
        CandidateSet synthetic = new CandidateSet(CandidateSet.KIND, CandidateSet.FORMAT_VERSION, "m", "l", "pca", "s",
                5, 5, 1, new Protocol(0.2, 9, 1, 0, 1), List.of(d), prov);
        CoherenceScorer scorer = new CoherenceScorer();
        ScoreRow n = scorer.score(new ScoringContext(Path.of("c.json"), natural, EmbeddingLookup.of(emb), Map.of(),
                null)).get(0);
        ScoreRow s = scorer.score(new ScoringContext(Path.of("c.json"), synthetic, EmbeddingLookup.of(emb), Map.of(),
                null)).get(0);
        assertEquals(0.0, n.score(), 1e-9);
        assertEquals("natural", n.parameters().get("references"));
        assertEquals(1.0, s.score(), 1e-9);
        assertEquals("synthetic", s.parameters().get("references"));
    }
}
