package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.ipb.core.Json;
import org.ipb.core.Sha256;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.CandidateSets;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.SyntheticReferences;
import org.ipb.core.candidates.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ipb synthesize} on a real fmnist-cnn conv4 PCA candidate set (2 directions, 2 tasks, 32
 * steps), and {@code ipb score} on the synthetic set it writes.
 */
class SynthesizeCommandTest {
    private static final String STEPS = "32";

    @TempDir
    static Path shared;

    private static Path naturalFile;
    private static Path synthetic;

    @TempDir
    Path tmp;

    @BeforeAll
    static void synthesize() {
        Path run = shared.resolve("run");
        CliRunner.Result c = CliRunner.run("candidates", "--layer", "conv4", "--methods", "pca", "--k", "2", "--tasks",
                "2", "--sheets", "0", "--no-progress", "--out", run.toString());
        assertEquals(0, c.exitCode(), c.err());
        naturalFile = run.resolve("candidates/pca/candidates.json");
        synthetic = shared.resolve("synthetic");
        CliRunner.Result s = CliRunner.run("synthesize", "--candidates", naturalFile.getParent().toString(), "--steps",
                STEPS, "--out", synthetic.toString());
        assertEquals(0, s.exitCode(), s.err());
        assertTrue(s.out().contains("2 directions of fmnist-cnn:conv4:pca"), s.out());
        assertTrue(s.out().contains("36 synthetic images"), s.out());
    }

    @Test
    void everyTaskHasSyntheticReferencesAndItsNaturalQueries() throws Exception {
        CandidateSet natural = CandidateSets.read(naturalFile);
        CandidateSet set = CandidateSets.read(synthetic.resolve("candidates.json"));
        assertEquals(SyntheticReferences.SYNTHETIC, SyntheticReferences.kind(set));
        assertEquals(List.of(natural.model(), natural.layer(), natural.method(), natural.stimulusSet(), natural.n(),
                natural.c(), natural.k(), natural.protocol()), List.of(set.model(), set.layer(), set.method(),
                set.stimulusSet(), set.n(), set.c(), set.k(), set.protocol()));
        assertEquals(2, set.directions().size());
        Map<String, String> images = SyntheticReferences.images(set);
        assertEquals(2 * 18, images.size());
        for (int d = 0; d < 2; d++) {
            CandidateDirection nd = natural.directions().get(d);
            CandidateDirection sd = set.directions().get(d);
            assertEquals(nd.id(), sd.id());
            assertEquals(nd.index(), sd.index());
            assertEquals(nd.top(), sd.top());
            assertEquals(nd.bottom(), sd.bottom());
            assertEquals(nd.tasks().size(), sd.tasks().size());
            for (int t = 0; t < sd.tasks().size(); t++) {
                Task nt = nd.tasks().get(t);
                Task st = sd.tasks().get(t);
                assertEquals(nt.index(), st.index());
                assertEquals(nt.maxQuery(), st.maxQuery()); // natural queries kept
                assertEquals(nt.minQuery(), st.minQuery());
                for (boolean max : new boolean[] {true, false}) {
                    List<Exemplar> refs = max ? st.maxReferences() : st.minReferences();
                    assertEquals(9, refs.size());
                    Set<String> want = new HashSet<>();
                    for (int b = 0; b < 9; b++) {
                        want.add(SyntheticReferences.id(sd.id(), max, b));
                    }
                    Set<String> got = new HashSet<>();
                    for (Exemplar e : refs) {
                        got.add(e.id());
                        assertEquals(-1, e.row());
                        assertTrue(Float.isFinite(e.activation()));
                        assertTrue(images.containsKey(e.id()), e.id());
                    }
                    assertEquals(want, got);
                }
                // the maximising images activate the direction more than the minimising ones
                assertTrue(st.maxReferences().get(8).activation() > st.minReferences().get(8).activation());
            }
        }
        for (Map.Entry<String, String> e : images.entrySet()) {
            Path png = SyntheticReferences.image(synthetic.resolve("candidates.json"), set, e.getKey());
            assertTrue(png.startsWith(synthetic.resolve("synthetic").toAbsolutePath()), png.toString());
            BufferedImage img = ImageIO.read(png.toFile());
            assertNotNull(img, png.toString());
            assertEquals(28, img.getWidth());
            assertEquals(28, img.getHeight());
            assertEquals(1, img.getRaster().getNumBands()); // fmnist-cnn is a grey model
        }
    }

    @Test
    void provenanceIsTheSourcesPlusTheSyntheticRecord() throws Exception {
        CandidateSet natural = CandidateSets.read(naturalFile);
        CandidateSet set = CandidateSets.read(synthetic.resolve("candidates.json"));
        for (Map.Entry<String, Object> e : natural.provenance().entrySet()) {
            assertEquals(e.getValue(), set.provenance().get(e.getKey()), e.getKey());
        }
        assertEquals("synthetic", set.provenance().get("reference"));
        JsonNode vis = Json.MAPPER.valueToTree(set.provenance()).get("visualization");
        assertEquals(32, vis.get("steps").asInt());
        assertEquals(0, vis.get("seed").asLong());
        assertEquals("MXNet", vis.get("engine").asText());
        assertEquals(5.0, vis.get("diversity").asDouble());
        assertEquals(9, vis.get("batch").asInt());
        assertEquals(naturalFile.toAbsolutePath().normalize().toString(), vis.get("candidates").get("file").asText());
        assertEquals(Sha256.of(naturalFile), vis.get("candidates").get("sha256").asText());
        assertTrue(Files.isRegularFile(synthetic.resolve(vis.get("visualizations").asText())));
    }

    @Test
    void sameSeedGivesByteIdenticalPngsAnotherSeedOthers() throws Exception {
        Path again = tmp.resolve("again");
        CliRunner.Result r = CliRunner.run("synthesize", "--candidates", naturalFile.toString(), "--steps", STEPS,
                "--directions", "1", "--seed", "0", "--out", again.toString());
        assertEquals(0, r.exitCode(), r.err());
        CandidateSet first = CandidateSets.read(synthetic.resolve("candidates.json"));
        CandidateSet second = CandidateSets.read(again.resolve("candidates.json"));
        assertEquals(1, second.directions().size());
        Map<String, String> images = SyntheticReferences.images(second);
        assertEquals(18, images.size());
        for (String id : images.keySet()) {
            assertArrayEquals(Files.readAllBytes(SyntheticReferences.image(synthetic.resolve("candidates.json"), first,
                    id)), Files.readAllBytes(SyntheticReferences.image(again.resolve("candidates.json"), second, id)),
                    id);
        }
        assertEquals(first.directions().get(0).tasks(), second.directions().get(0).tasks());

        Path other = tmp.resolve("other");
        r = CliRunner.run("synthesize", "--candidates", naturalFile.toString(), "--steps", "4", "--directions", "1",
                "--seed", "1", "--out", other.toString());
        assertEquals(0, r.exitCode(), r.err());
        String id = SyntheticReferences.id(first.directions().get(0).id(), true, 0);
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(SyntheticReferences.image(
                synthetic.resolve("candidates.json"), first, id)), Files.readAllBytes(SyntheticReferences.image(
                other.resolve("candidates.json"), CandidateSets.read(other.resolve("candidates.json")), id))));
    }

    /** direction id -> MIS, from a score CSV. */
    private static Map<String, Double> mis(Path csv) throws Exception {
        return measure(csv, "mis");
    }

    private static Map<String, Double> measure(Path csv, String scorer) throws Exception {
        Map<String, Double> out = new HashMap<>();
        for (String line : Files.readAllLines(csv)) {
            String[] f = line.split(",");
            if (f.length > 4 && f[2].equals(scorer)) {
                out.put(f[0], Double.parseDouble(f[4]));
            }
        }
        return out;
    }

    @Test
    void misAndCoherenceRunOnTheSyntheticSet() throws Exception {
        for (String observer : List.of("observer", "pixels")) {
            Path syn = tmp.resolve("synthetic-" + observer + ".csv");
            Path nat = tmp.resolve("natural-" + observer + ".csv");
            CliRunner.Result r = CliRunner.run("score", "--candidates", synthetic.toString(), "--scorers",
                    "mis,coherence", "--observer", observer, "--out", syn.toString());
            assertEquals(0, r.exitCode(), r.err());
            r = CliRunner.run("score", "--candidates", naturalFile.toString(), "--scorers", "mis,coherence",
                    "--observer", observer, "--out", nat.toString());
            assertEquals(0, r.exitCode(), r.err());
            Map<String, Double> s = mis(syn);
            Map<String, Double> n = mis(nat);
            assertEquals(2, s.size(), Files.readString(syn));
            assertEquals(n.keySet(), s.keySet());
            for (String d : s.keySet()) {
                assertTrue(Double.isFinite(s.get(d)) && s.get(d) >= 0 && s.get(d) <= 1, d + " " + s.get(d));
            }
            // Other references, another similarity margin (the hard MIS of both may be 1).
            Map<String, Double> sd = measure(syn, "mis.delta");
            Map<String, Double> nd = measure(nat, "mis.delta");
            for (String d : s.keySet()) {
                assertNotEquals(nd.get(d), sd.get(d), d);
            }
            assertEquals(4, Files.readAllLines(syn).stream().filter(l -> l.contains(",mis,")
                    || l.contains(",coherence,")).count());
        }
    }

    private static void assertOneLineError(CliRunner.Result r, String... parts) {
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("ipb: error: "), r.err());
        for (String p : parts) {
            assertTrue(r.err().contains(p), r.err() + " lacks " + p);
        }
    }

    @Test
    void naturalSetWithoutDirectionsProvenanceIsAUserError() throws Exception {
        ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(naturalFile.toFile());
        ((ObjectNode) doc.get("provenance")).remove("directions");
        Path bad = tmp.resolve("bad/candidates.json");
        Files.createDirectories(bad.getParent());
        Json.write(bad, doc);
        Path out = tmp.resolve("never");
        CliRunner.Result r = CliRunner.run("synthesize", "--candidates", bad.toString(), "--steps", "2", "--out",
                out.toString());
        assertOneLineError(r, bad.toString(), "provenance.directions.file");
        assertTrue(Files.notExists(out));
    }

    @Test
    void syntheticSetIsNotSynthesizedAgain() {
        Path out = tmp.resolve("never");
        CliRunner.Result r = CliRunner.run("synthesize", "--candidates", synthetic.toString(), "--steps", "2", "--out",
                out.toString());
        assertOneLineError(r, synthetic.resolve("candidates.json").toString(), "already a synthetic");
        assertTrue(Files.notExists(out));
    }

    @Test
    void syntheticSetWithAMissingPngIsAUserErrorOfScore() throws Exception {
        Path copy = tmp.resolve("copy");
        Files.createDirectories(copy.resolve("synthetic"));
        Files.copy(synthetic.resolve("candidates.json"), copy.resolve("candidates.json"));
        try (var files = Files.list(synthetic.resolve("synthetic"))) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve("synthetic").resolve(f.getFileName()));
            }
        }
        Path gone = copy.resolve("synthetic/1-min-4.png");
        Files.delete(gone);
        Path out = tmp.resolve("scores.csv");
        CliRunner.Result r = CliRunner.run("score", "--candidates", copy.toString(), "--scorers", "mis,coherence",
                "--out", out.toString());
        assertOneLineError(r, gone.toAbsolutePath().toString(), "not found");
        assertTrue(Files.notExists(out));
    }
}
