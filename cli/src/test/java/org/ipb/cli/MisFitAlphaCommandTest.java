package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.Json;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.CandidateSets;
import org.ipb.study.session.SessionRunner;
import org.ipb.study.session.SimulatedObserver;
import org.ipb.study.store.JudgmentStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ipb mis fit-alpha} on a real candidate set of fmnist-cnn conv4 (imi2023 protocol), a real
 * study database and the shipped observer: simulated responses alone are refused; responses
 * recorded with source {@code app} (here a seeded psychometric fixture, standing in for people)
 * give an alpha file that {@code ipb score} accepts for that observer only.
 */
class MisFitAlphaCommandTest {
    @TempDir
    Path tmp;

    @Test
    void fitsOnHumanRowsOnlyAndTheScorerTakesItForItsObserverOnly() throws Exception {
        Path run = tmp.resolve("run");
        CliRunner.Result c = CliRunner.run("candidates", "--layer", "conv4", "--methods", "pca", "--k", "12",
                "--limit", "400", "--tasks", "4", "--sheets", "0", "--no-progress", "--out", run.toString());
        assertEquals(0, c.exitCode(), c.err());
        Path cands = run.resolve("candidates/pca");
        CandidateSet set = CandidateSets.read(cands.resolve("candidates.json"));
        assertEquals("imi2023", set.protocol().name());
        Path db = tmp.resolve("study.db");
        CliRunner.Result s = CliRunner.run("study", "create", "--candidates", cands.toString(), "--name", "s",
                "--db", db.toString(), "--participants", "12", "--trials-per-direction", "8", "--catch-per-40", "4",
                "--practice", "0", "--block", "20", "--seed", "1", "--no-images");
        assertEquals(0, s.exitCode(), s.err());
        CliRunner.Result sim = CliRunner.run("study", "simulate", "--db", db.toString(), "--participant", "P01",
                "--participant", "P02", "--seed", "1");
        assertEquals(0, sim.exitCode(), sim.err());

        Path alpha = tmp.resolve("alpha.json");
        CliRunner.Result refused = CliRunner.run("mis", "fit-alpha", "--candidates", cands.toString(), "--study-db",
                db.toString(), "--out", alpha.toString());
        assertEquals(2, refused.exitCode(), refused.out());
        assertTrue(refused.err().contains("simulated") && refused.err().contains(db.toString()), refused.err());
        assertFalse(Files.exists(alpha));

        // Fixture responses with source "app" for the other ten participants: easier directions (larger
        // latent) are answered correctly more often.
        Map<String, Double> latent = new HashMap<>();
        for (CandidateDirection d : set.directions()) {
            latent.put(d.id(), (d.index() - 5.5) / 3);
        }
        try (JudgmentStore store = JudgmentStore.open(db)) {
            List<String> people = store.participants("s");
            SimulatedObserver.AdvancingClock clock =
                    new SimulatedObserver.AdvancingClock(java.time.Instant.parse("2026-01-01T09:00:00Z"));
            for (String who : people.subList(2, people.size())) {
                new SimulatedObserver(0.02, 2, latent, who.hashCode()).run(SessionRunner.open(store, "s", who, "app",
                        clock), clock);
            }
        }
        CliRunner.Result ok = CliRunner.run("mis", "fit-alpha", "--candidates", cands.toString(), "--study-db",
                db.toString(), "--seed", "3", "--out", alpha.toString());
        assertEquals(0, ok.exitCode(), ok.err());
        JsonNode a = Json.MAPPER.readTree(alpha.toFile());
        assertEquals("ipb-mis-alpha", a.get("kind").asText());
        assertEquals("fmnist-observer:embed", a.get("observer").asText());
        assertEquals(6, a.get("fit").get("fitDirections").asInt());
        assertEquals(6, a.get("fit").get("heldOutDirections").asInt());
        assertTrue(a.get("fit").get("simulatedIgnored").asInt() > 0);
        assertEquals(10, a.get("fit").get("participants").asInt());
        assertTrue(ok.out().contains("alpha ") && ok.out().contains("held out 6 directions"), ok.out());

        Path scores = tmp.resolve("scores.csv");
        CliRunner.Result sc = CliRunner.run("score", "--candidates", cands.toString(), "--scorers", "mis",
                "--option", "alpha-file=" + alpha, "--out", scores.toString());
        assertEquals(0, sc.exitCode(), sc.err());
        assertEquals(12, Files.readAllLines(scores).stream().filter(l -> l.contains(",mis.confidence,")).count());
        CliRunner.Result wrong = CliRunner.run("score", "--candidates", cands.toString(), "--scorers", "mis",
                "--observer", "pixels", "--option", "alpha-file=" + alpha, "--out", tmp.resolve("x.csv").toString());
        assertEquals(2, wrong.exitCode(), wrong.out());
        assertTrue(wrong.err().contains(alpha.toString()) && wrong.err().contains("pixels"), wrong.err());
    }
}
