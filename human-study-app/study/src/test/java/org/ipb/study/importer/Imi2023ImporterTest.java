package org.ipb.study.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ipb.core.UserError;
import org.ipb.study.analysis.Exclusions;
import org.ipb.study.analysis.Summary;
import org.ipb.study.store.Judgment;
import org.ipb.study.store.JudgmentStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports of the IMI per-trial layout (Zimmermann, Klein, Brendel, NeurIPS 2023). */
class Imi2023ImporterTest {
    static final String U12 = "googlenet:inception4a:basis:12";
    static final String U7 = "googlenet:inception4a:basis:7";
    static final String R100 = "resnet50:layer3.2:basis:100";

    /** The hand-made fixture (see src/test/resources/imi2023/README.md), copied into {@code dir}. */
    static Path fixture(Path dir) throws Exception {
        Path src = Path.of(Imi2023ImporterTest.class.getResource("/imi2023/responses_all_handmade.csv").toURI());
        return Files.copy(src, dir.resolve("responses_all_handmade.csv"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The fixture with one field changed: {@code line} is the 1-based file line, as in the error messages. */
    static Path edited(Path dir, int line, String column, String value) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(fixture(dir)));
        int c = Arrays.asList(lines.get(0).split(",", -1)).indexOf(column);
        String[] f = lines.get(line - 1).split(",", -1);
        f[c] = value;
        lines.set(line - 1, String.join(",", f));
        Path out = dir.resolve("edited.csv");
        Files.write(out, lines);
        return out;
    }

    static Map<String, Long> count(List<Judgment> js, Function<Judgment, String> key) {
        return js.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    static Summary.Row row(List<Summary.Row> rows, String... keys) {
        return rows.stream().filter(r -> r.keys().equals(List.of(keys))).findFirst().orElseThrow(
                () -> new AssertionError("no row " + List.of(keys) + " in " + rows));
    }

    @Test
    void knownAnswersThroughARealDatabase(@TempDir Path tmp) throws Exception {
        Path f = fixture(tmp);
        Path db = tmp.resolve("judgments.db");
        try (JudgmentStore s = JudgmentStore.open(db)) {
            assertEquals(Map.of("imi2023", 13, "imi2023-excluded", 3),
                    Imi2023Importer.importFiles(s, List.of(f), Imi2023Importer.DEFAULT_STUDY));
        }
        // reopen: what was committed, not what is cached
        try (JudgmentStore s = JudgmentStore.open(db)) {
            assertEquals(16, s.countResponses());
            assertEquals(List.of("imi2023", "imi2023-excluded"), s.studies());
            List<Judgment> main = s.judgments("imi2023");
            List<Judgment> excluded = s.judgments("imi2023-excluded");
            assertEquals(Map.of("catch", 4L, "main", 7L, "practice", 2L), count(main, Judgment::trialType));
            assertEquals(Map.of("catch", 1L, "main", 2L), count(excluded, Judgment::trialType));
            assertEquals(List.of("P0001", "P0002", "P0004", "P0005"), s.participants("imi2023"));
            assertEquals(List.of("P0003"), s.participants("imi2023-excluded"));

            // first row of P0001's main trials: trial_index 5, rt 1234.5 ms
            Judgment first = main.stream().filter(j -> j.participant().equals("P0001") && j.trialIndex() == 5)
                    .findFirst().orElseThrow();
            assertEquals(1.2345, first.rtS(), 1e-12);
            assertEquals("googlenet_natural_20230312-1", first.session());
            assertEquals("imi2023", first.source());
            assertEquals(U12, first.direction());
            assertEquals("googlenet:inception4a", first.layer());
            assertEquals("natural", first.condition());
            assertEquals("natural", first.reference());
            assertEquals("b", first.correctSide());
            assertEquals("b", first.chosen());
            assertEquals(3, first.confidence());
            assertNull(first.block());
            assertNull(first.queryA());

            // demo and catch trials take the condition of their task's main trials
            for (Judgment j : main) {
                String expected = j.session().contains("optimized") ? "synthetic" : "natural";
                assertEquals(expected, j.reference(), j.toString());
                assertEquals(expected.equals("natural") ? "natural" : "optimized", j.condition(), j.toString());
                assertEquals(j.trialType().equals("catch"), j.catchTrial(), j.toString());
            }
            Judgment demo = main.stream().filter(j -> j.trialType().equals("practice") && j.participant().equals("P0002"))
                    .findFirst().orElseThrow();
            assertEquals(7.0, demo.rtS(), 1e-12);
            assertNull(demo.direction());
            assertNull(demo.layer());
            Judgment catchFirst = main.stream().filter(j -> j.participant().equals("P0005") && j.catchTrial())
                    .findFirst().orElseThrow();
            assertEquals("synthetic", catchFirst.reference()); // its main trial comes later in the file
            assertEquals("catch/manual:mixed4b:basis:3", catchFirst.direction());

            // accuracies over main, non-catch trials, by hand from the fixture's README table
            List<Summary.Row> byReference = Summary.compute(main, List.of("reference"));
            assertEquals(2, byReference.size());
            Summary.Row natural = row(byReference, "natural");
            assertEquals(4, natural.nTrials());
            assertEquals(2, natural.nParticipants());
            assertEquals(0.75, natural.accuracy(), 1e-12);
            assertEquals(0.75, natural.accuracyParticipantMean(), 1e-12);
            assertEquals(2.0, natural.medianRtS(), 1e-12); // 1.2345, 1.8, 2.2, 2.5 s
            Summary.Row synthetic = row(byReference, "synthetic");
            assertEquals(3, synthetic.nTrials());
            assertEquals(2, synthetic.nParticipants());
            assertEquals(2.0 / 3, synthetic.accuracy(), 1e-12);
            assertEquals(0.75, synthetic.accuracyParticipantMean(), 1e-12); // P0002 1/2, P0005 1/1
            assertEquals(3.0, synthetic.medianRtS(), 1e-12);

            List<Summary.Row> byDirection = Summary.compute(main, List.of("direction"));
            assertEquals(3, byDirection.size());
            assertEquals(2.0 / 3, row(byDirection, U12).accuracy(), 1e-12);
            assertEquals(3, row(byDirection, U12).nParticipants());
            assertEquals(2.0 / 3, row(byDirection, U7).accuracy(), 1e-12);
            assertEquals(1.0, row(byDirection, R100).accuracy(), 1e-12);

            List<Summary.Row> byUnitAndCondition = Summary.compute(main, List.of("direction", "condition"));
            assertEquals(1.0, row(byUnitAndCondition, U12, "natural").accuracy(), 1e-12);
            assertEquals(0.0, row(byUnitAndCondition, U12, "optimized").accuracy(), 1e-12);
            assertEquals(0.5, row(byUnitAndCondition, U7, "natural").accuracy(), 1e-12);
            assertEquals(1.0, row(byUnitAndCondition, U7, "optimized").accuracy(), 1e-12);
            assertEquals(2, row(byUnitAndCondition, U7, "natural").nTrials());

            Summary.Row failed = row(Summary.compute(excluded, List.of("reference")), "natural");
            assertEquals(2, failed.nTrials());
            assertEquals(0.0, failed.accuracy(), 1e-12);

            // ipb's own catch criterion (>= 0.8) finds the same participant the authors excluded
            Exclusions.Result ex = Exclusions.apply(s.judgments(null), Exclusions.Criteria.DEFAULTS);
            assertEquals(List.of("P0003"), ex.excludedParticipants().stream()
                    .map(Exclusions.ExcludedParticipant::participant).toList());
        }
    }

    @Test
    void studyNameFromTheCommandLineAndImportingTwice(@TempDir Path tmp) throws Exception {
        Path f = fixture(tmp);
        try (JudgmentStore s = JudgmentStore.open(tmp.resolve("db"))) {
            assertEquals(Map.of("imi-pilot", 13, "imi-pilot-excluded", 3),
                    Imi2023Importer.importFiles(s, List.of(f), "imi-pilot"));
            UserError again = assertThrows(UserError.class,
                    () -> Imi2023Importer.importFiles(s, List.of(f), "imi-pilot"));
            assertTrue(again.getMessage().contains("already"), again.getMessage());
            assertEquals(16, s.countResponses());
            assertThrows(UserError.class, () -> Imi2023Importer.importFiles(s, List.of(f), " "));
        }
    }

    @Test
    void withoutTrialIndexRowsAreNumberedPerTask(@TempDir Path tmp) throws Exception {
        List<String> lines = Files.readAllLines(fixture(tmp));
        int c = Arrays.asList(lines.get(0).split(",", -1)).indexOf("trial_index");
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            List<String> f = new ArrayList<>(Arrays.asList(l.split(",", -1)));
            f.remove(c);
            out.add(String.join(",", f));
        }
        Path f = tmp.resolve("no_index.csv");
        Files.write(f, out);
        List<Judgment> js = Imi2023Importer.read(f, "imi2023");
        assertEquals(List.of(0, 1, 2, 3), js.stream().filter(j -> j.participant().equals("P0001"))
                .map(Judgment::trialIndex).toList());
        assertEquals("practice", js.get(0).trialType());
    }

    @Test
    void missingConfidenceAndRtAreStoredAsUnknown(@TempDir Path tmp) throws Exception {
        Path f = edited(tmp, 3, "confidence", "");
        Judgment j = Imi2023Importer.read(f, "imi2023").get(1);
        assertNull(j.confidence());
        assertEquals(1.2345, j.rtS(), 1e-12);
        Path g = edited(tmp, 3, "rt", "");
        assertNull(Imi2023Importer.read(g, "imi2023").get(1).rtS());
    }

    /** Each bad input: one line naming the file (and the line), and nothing stored. */
    void refused(Path tmp, Path bad, String... expected) throws Exception {
        Path good = tmp.resolve("good").resolve("responses_all_handmade.csv");
        Files.createDirectories(good.getParent());
        Files.copy(fixture(Files.createTempDirectory(tmp, "f")), good, StandardCopyOption.REPLACE_EXISTING);
        try (JudgmentStore s = JudgmentStore.open(tmp.resolve("refused.db"))) {
            // the good file first: a later bad file must leave nothing half-written
            UserError e = assertThrows(UserError.class,
                    () -> Imi2023Importer.importFiles(s, List.of(good, bad), "imi2023"));
            String m = e.getMessage();
            assertFalse(m.contains("\n"), m);
            assertTrue(m.startsWith(bad + ": "), m);
            for (String x : expected) {
                assertTrue(m.contains(x), "'" + x + "' not in: " + m);
            }
            assertFalse(s.hasStudy("imi2023"));
            assertFalse(s.hasStudy("imi2023-excluded"));
            assertEquals(0, s.countResponses());
        }
    }

    @Test
    void missingColumnIsNamed(@TempDir Path tmp) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(fixture(tmp)));
        lines.set(0, lines.get(0).replace(",passed_checks,", ",passed,"));
        Path f = tmp.resolve("missing.csv");
        Files.write(f, lines);
        refused(tmp, f, "line 1: missing column 'passed_checks'");
    }

    @Test
    void badRtNamesItsLine(@TempDir Path tmp) throws Exception {
        refused(tmp, edited(tmp, 4, "rt", "slow"), "line 4: column rt = 'slow'");
    }

    @Test
    void negativeRtIsRefused(@TempDir Path tmp) throws Exception {
        refused(tmp, edited(tmp, 4, "rt", "-3"), "line 4: column rt", "milliseconds");
    }

    @Test
    void unknownModeIsNamed(@TempDir Path tmp) throws Exception {
        refused(tmp, edited(tmp, 5, "mode", "natural_blur"), "line 5: column mode = 'natural_blur'",
                "natural, optimized or catch_trial");
    }

    @Test
    void confidenceOutOfRange(@TempDir Path tmp) throws Exception {
        refused(tmp, edited(tmp, 6, "confidence", "5"), "line 6: column confidence = '5'", "1, 2 or 3");
    }

    @Test
    void badBooleans(@TempDir Path tmp) throws Exception {
        refused(tmp, edited(tmp, 7, "passed_checks", "maybe"), "line 7: column passed_checks = 'maybe'");
    }

    @Test
    void correctMustAgreeWithChoice(@TempDir Path tmp) throws Exception {
        refused(tmp, edited(tmp, 3, "correct", "False"), "line 3: column correct", "choice");
    }

    @Test
    void catchModeAndCatchFlagMustAgree(@TempDir Path tmp) throws Exception {
        refused(tmp, edited(tmp, 5, "catch_trial", "False"), "line 5: column catch_trial");
    }

    @Test
    void mainTrialNeedsItsUnit(@TempDir Path tmp) throws Exception {
        refused(tmp, edited(tmp, 3, "channel", "twelve"), "line 3: column channel = 'twelve'");
    }

    @Test
    void catchTrialWithoutMainTrialsInItsTask(@TempDir Path tmp) throws Exception {
        // P0005's catch trial (line 13) moved to a task of its own
        refused(tmp, edited(tmp, 13, "task_id", "lonely-1"), "line 13: task lonely-1", "no main trial");
    }

    @Test
    void wrongFieldCount(@TempDir Path tmp) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(fixture(tmp)));
        lines.set(3, lines.get(3) + ",extra");
        Path f = tmp.resolve("fields.csv");
        Files.write(f, lines);
        refused(tmp, f, "line 4: 31 fields, header has 30");
    }

    @Test
    void sameRowsTwiceAreRefused(@TempDir Path tmp) throws Exception {
        refused(tmp, fixture(Files.createTempDirectory(tmp, "copy")), "twice");
    }

    /**
     * The real {@code responses_main.csv} from zenodo.org/records/8131197, when someone has put it
     * under {@code ../shared/reference-data/imi2023/}. The paper reports its results as figures
     * (proportion correct per model and reference type), not as numbers in the text, so only what
     * the paper states in words is checked: performance far above chance, natural exemplars more
     * helpful than feature visualizations, and the file holding only responses that passed the
     * authors' checks.
     */
    @Test
    void realDataIfPresent(@TempDir Path tmp) {
        Path file = Path.of(System.getProperty("ipb.home", "..")).resolve(
                "../shared/reference-data/imi2023/responses_main.csv").normalize();
        Assumptions.assumeTrue(org.ipb.core.ReferenceData.present("imi2023", file), "reference data absent: " + file);
        try (JudgmentStore s = JudgmentStore.open(tmp.resolve("imi.db"))) {
            Map<String, Integer> n = Imi2023Importer.importFiles(s, List.of(file), "imi2023");
            assertEquals(List.of("imi2023"), List.copyOf(n.keySet()));
            List<Summary.Row> rows = Summary.compute(s.judgments("imi2023"), List.of("reference"));
            Summary.Row natural = row(rows, "natural");
            Summary.Row synthetic = row(rows, "synthetic");
            System.out.println("IMI natural " + natural + "\nIMI synthetic " + synthetic);
            assertTrue(natural.accuracy() > 0.6 && natural.accuracy() < 1, natural.toString());
            assertTrue(synthetic.accuracy() > 0.55 && synthetic.accuracy() < 1, synthetic.toString());
            assertTrue(natural.accuracy() > synthetic.accuracy(), rows.toString());
        }
    }
}
