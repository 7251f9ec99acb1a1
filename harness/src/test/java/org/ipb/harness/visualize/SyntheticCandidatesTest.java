package org.ipb.harness.visualize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.UserError;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.CandidateSets;
import org.ipb.core.candidates.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SyntheticCandidates}: inputs are checked before any model is loaded or any output made. */
class SyntheticCandidatesTest {
    @TempDir
    Path tmp;

    private Path write(Map<String, Object> provenance) {
        CandidateSet set = new CandidateSet(CandidateSet.KIND, CandidateSet.FORMAT_VERSION, "fmnist-cnn", "conv4", "pca",
                "fashion-mnist-test", 10, 2, 1, new Protocol(0.2, 9, 0, 0, 2),
                List.of(new CandidateDirection("fmnist-cnn:conv4:pca:0", 0, List.of(), List.of(), List.of())),
                provenance);
        Path file = tmp.resolve("in/candidates.json");
        CandidateSets.write(file, set);
        return file;
    }

    private UserError fails(Path candidates, int steps) {
        Path out = tmp.resolve("out");
        UserError e = assertThrows(UserError.class, () -> new SyntheticCandidates(s -> {}).run(
                new SyntheticCandidates.Request(candidates, null, steps, SyntheticCandidates.DEFAULT_DIVERSITY, 0, null,
                        "cpu", 0, out)));
        assertTrue(Files.notExists(out));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e;
    }

    @Test
    void noDirectionsInTheProvenance() {
        Path file = write(Map.of("seed", 0));
        UserError e = fails(file.getParent(), 8);
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("provenance.directions.file"), e.getMessage());
    }

    @Test
    void missingOrChangedDirectionsFile() throws Exception {
        Path npy = tmp.resolve("d.npy");
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("directions", Map.of("file", npy.toString(), "sha256", "00"));
        Path file = write(prov);
        UserError e = fails(file, 8);
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(npy.toString())
                && e.getMessage().contains("missing"), e.getMessage());
        Files.writeString(npy, "x");
        e = fails(file, 8);
        assertTrue(e.getMessage().contains("has changed"), e.getMessage());
    }

    @Test
    void syntheticSetsAndBadSettings() {
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("reference", "synthetic");
        prov.put("syntheticImages", Map.of());
        Path file = write(prov);
        assertTrue(fails(file, 8).getMessage().contains("already a synthetic candidate set"));
        assertTrue(fails(file, 0).getMessage().contains("--steps"));
    }

    /** The validation SyntheticCandidates relies on: synthetic references only in synthetic sets, row -1, named. */
    @Test
    void candidateSetsAcceptSyntheticReferencesOnlyInSyntheticSets() {
        String dir = "fmnist-cnn:conv4:pca:0";
        java.util.List<org.ipb.core.candidates.Exemplar> max = new java.util.ArrayList<>();
        java.util.List<org.ipb.core.candidates.Exemplar> min = new java.util.ArrayList<>();
        Map<String, Object> images = new LinkedHashMap<>();
        for (int b = 0; b < 9; b++) {
            String hi = org.ipb.core.candidates.SyntheticReferences.id(dir, true, b);
            String lo = org.ipb.core.candidates.SyntheticReferences.id(dir, false, b);
            max.add(new org.ipb.core.candidates.Exemplar(hi, -1, 9 - b));
            min.add(new org.ipb.core.candidates.Exemplar(lo, -1, -9 + b));
            images.put(hi, "synthetic/0-max-" + b + ".png");
            images.put(lo, "synthetic/0-min-" + b + ".png");
        }
        org.ipb.core.candidates.Task task = new org.ipb.core.candidates.Task(0, max, min,
                new org.ipb.core.candidates.Exemplar("s:000001", 1, 3), new org.ipb.core.candidates.Exemplar("s:000002", 2,
                        -3));
        java.util.function.Function<Map<String, Object>, String> problem = prov -> CandidateSets.problem(
                new CandidateSet(CandidateSet.KIND, CandidateSet.FORMAT_VERSION, "fmnist-cnn", "conv4", "pca", "s", 10, 2,
                        1, new Protocol(0.2, 9, 1, 0, 2), List.of(new CandidateDirection(dir, 0, List.of(), List.of(),
                                List.of(task))), prov));
        Map<String, Object> synthetic = new LinkedHashMap<>();
        synthetic.put("reference", "synthetic");
        synthetic.put("syntheticImages", images);
        assertEquals(null, problem.apply(synthetic));
        assertTrue(problem.apply(Map.of()).contains("synthetic reference"), problem.apply(Map.of()));
        Map<String, Object> unnamed = new LinkedHashMap<>(synthetic);
        unnamed.put("syntheticImages", Map.of());
        assertTrue(problem.apply(unnamed).contains("names no image"), problem.apply(unnamed));
    }
}
