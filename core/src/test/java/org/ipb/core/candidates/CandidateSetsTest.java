package org.ipb.core.candidates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandidateSetsTest {
    @TempDir
    Path dir;

    private static Exemplar ex(int row, float a) {
        return new Exemplar("set:" + String.format("%06d", row), row, a);
    }

    /** Two directions, two tasks each, 2 references per side, rows 0..99. */
    static CandidateSet sample() {
        List<CandidateDirection> dirs = new ArrayList<>();
        for (int d = 0; d < 2; d++) {
            List<Task> tasks = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int b = 10 * t;
                tasks.add(new Task(t, List.of(ex(b, 3.5f), ex(b + 1, 0.1f)), List.of(ex(b + 50, -7.25f),
                        ex(b + 51, -1.0E-45f)), ex(b + 2, 2.0f), ex(b + 52, -3.4028235E38f)));
            }
            dirs.add(new CandidateDirection(CandidateSet.directionId("m", "conv4", "pca", d), d,
                    List.of(ex(0, 3.5f), ex(1, 0.1f), ex(2, 0.1f)), List.of(ex(50, -7.25f), ex(51, -1.0E-45f)), tasks));
        }
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("ipbVersion", "test");
        prov.put("seed", 7);
        return new CandidateSet(CandidateSet.KIND, CandidateSet.FORMAT_VERSION, "m", "conv4", "pca", "set", 100, 8, 2,
                new Protocol(0.2, 2, 2, 7L, 20), dirs, prov);
    }

    @Test
    void formatOneFilesReadAsTheQuantileProtocol() throws Exception {
        Path f = dir.resolve("candidates.json");
        CandidateSets.write(f, sample());
        String json = Files.readString(f);
        assertTrue(json.contains("\"name\" : \"quantile\""), json);
        // The format-1 layout: no protocol name, no referenceRanks.
        String v1 = json.replace("\"formatVersion\" : 2", "\"formatVersion\" : 1")
                .replace("\"name\" : \"quantile\",", "").replace(",\n    \"referenceRanks\" : 0", "");
        assertFalse(v1.contains("referenceRanks") || v1.contains("\"name\""), v1);
        Files.writeString(f, v1);
        CandidateSet back = CandidateSets.read(f);
        assertEquals(Protocol.QUANTILE, back.protocol().name());
        assertEquals(sample(), back);
        // An unknown protocol name is a one-line error naming the field.
        Files.writeString(f, json.replace("\"name\" : \"quantile\"", "\"name\" : \"imi2024\""));
        UserError e = assertThrows(UserError.class, () -> CandidateSets.read(f));
        assertTrue(e.getMessage().contains("protocol.name") && e.getMessage().contains("imi2024"), e.getMessage());
    }

    @Test
    void roundTripKeepsEveryValueBitForBit() throws Exception {
        Path f = dir.resolve("candidates.json");
        CandidateSet s = sample();
        CandidateSets.write(f, s);
        CandidateSet back = CandidateSets.read(f);
        assertEquals(s, back);
        assertEquals(Float.floatToIntBits(-1.0E-45f),
                Float.floatToIntBits(back.directions().get(0).bottom().get(1).activation()));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }

    @Test
    void fieldsAreWrittenInDeclarationOrder() throws Exception {
        Path f = dir.resolve("c.json");
        CandidateSets.write(f, sample());
        String json = Files.readString(f);
        assertTrue(json.indexOf("\"kind\"") < json.indexOf("\"formatVersion\""));
        assertTrue(json.indexOf("\"protocol\"") < json.indexOf("\"directions\""));
        assertTrue(json.indexOf("\"maxReferences\"") < json.indexOf("\"minQuery\""));
    }

    @Test
    void unknownFieldIsAUserErrorNamingTheFile() throws Exception {
        Path f = dir.resolve("c.json");
        CandidateSets.write(f, sample());
        String json = Files.readString(f).replaceFirst("\"row\" : 0,", "\"row\" : 0, \"colour\" : 1,");
        Files.writeString(f, json);
        UserError e = assertThrows(UserError.class, () -> CandidateSets.read(f));
        assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("colour"), e.getMessage());
        assertTrue(e.getMessage().contains("directions[0].top[0]"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void missingFieldStringNumberAndFractionalIntAreRejected() throws Exception {
        Path f = dir.resolve("c.json");
        CandidateSets.write(f, sample());
        String good = Files.readString(f);
        for (String bad : List.of(good.replaceFirst("\"method\" : \"pca\",", ""),
                good.replaceFirst("\"n\" : 100", "\"n\" : \"100\""),
                good.replaceFirst("\"n\" : 100", "\"n\" : 100.5"),
                good.replaceFirst("\"method\" : \"pca\"", "\"method\" : null"),
                good.replaceFirst("\"top\" : \\[ \\{", "\"top\" : [ null, {"),
                good + "{}")) {
            Files.writeString(f, bad);
            UserError e = assertThrows(UserError.class, () -> CandidateSets.read(f));
            assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        }
    }

    @Test
    void wrongKindVersionAndInconsistentContentsAreRejected() throws Exception {
        Path f = dir.resolve("c.json");
        CandidateSets.write(f, sample());
        String good = Files.readString(f);
        Map<String, String> cases = Map.of(
                good.replaceFirst("\"candidate-set\"", "\"stimulus-set\""), "kind",
                good.replaceFirst("\"formatVersion\" : 2", "\"formatVersion\" : 3"), "formatVersion",
                good.replaceFirst("\"row\" : 1,", "\"row\" : 100,"), "outside",
                good.replaceFirst("\"activation\" : 3.5", "\"activation\" : -30.5"), "order",
                good.replaceFirst("\"tasksPerDirection\" : 2", "\"tasksPerDirection\" : 3"), "tasks");
        for (var c : cases.entrySet()) {
            Files.writeString(f, c.getKey());
            UserError e = assertThrows(UserError.class, () -> CandidateSets.read(f));
            assertTrue(e.getMessage().startsWith(f + ": ") && e.getMessage().contains(c.getValue()), e.getMessage());
        }
    }

    @Test
    void imageUsedTwiceInATaskIsRejected() {
        CandidateSet s = sample();
        CandidateDirection d0 = s.directions().get(0);
        Task t0 = d0.tasks().get(0);
        Task dup = new Task(0, t0.maxReferences(), t0.minReferences(), t0.maxReferences().get(0), t0.minQuery());
        List<Task> tasks = List.of(dup, d0.tasks().get(1));
        CandidateSet bad = new CandidateSet(s.kind(), s.formatVersion(), s.model(), s.layer(), s.method(), s.stimulusSet(), s.n(),
                s.c(), s.k(), s.protocol(), List.of(new CandidateDirection(d0.id(), 0, d0.top(), d0.bottom(), tasks)),
                s.provenance());
        assertTrue(CandidateSets.problem(bad).contains("used twice"), CandidateSets.problem(bad));
        assertThrows(IllegalArgumentException.class, () -> CandidateSets.write(dir.resolve("x.json"), bad));
    }

    @Test
    void missingFileIsAUserError() {
        Path f = dir.resolve("none.json");
        UserError e = assertThrows(UserError.class, () -> CandidateSets.read(f));
        assertEquals(f + ": file not found", e.getMessage());
    }
}
