package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ipb.core.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ipb replicate borowski2021} end to end at a reduced size (2 directions, 3 tasks, 8 steps). */
class ReplicateCommandTest {
    @TempDir
    static Path shared;

    private static Path out;
    private static CliRunner.Result first;

    @TempDir
    Path tmp;

    private static String[] args(Path dir, String... extra) {
        List<String> a = new ArrayList<>(List.of("replicate", "borowski2021", "--layers", "conv1,conv4",
                "--units-per-layer", "1", "--tasks", "3", "--steps", "8", "--bootstrap", "100", "--out", dir.toString()));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @BeforeAll
    static void replicate() {
        out = shared.resolve("rep");
        first = CliRunner.run(args(out));
        assertEquals(0, first.exitCode(), first.err());
    }

    @Test
    void conditionsCsvHasTheColumnsAndTheElevenConditions() throws Exception {
        List<String> lines = Files.readAllLines(out.resolve("conditions.csv"));
        assertEquals("experiment,condition,reference,machine_accuracy,machine_ci_low,machine_ci_high,human_accuracy,"
                + "human_n", lines.get(0));
        assertEquals(12, lines.size());
        List<String> keys = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(8, f.length, line);
            keys.add(f[0] + "/" + f[1] + "/" + f[2]);
            double m = Double.parseDouble(f[3]);
            double lo = Double.parseDouble(f[4]);
            double hi = Double.parseDouble(f[5]);
            assertTrue(lo <= m + 1e-9 && m <= hi + 1e-9 && lo >= 0 && hi <= 1, line);
            // 2 directions x 3 tasks, ties 1/2: accuracies are multiples of 1/12.
            assertEquals(0, Math.abs(m * 12 - Math.round(m * 12)), 1e-3, line);
            if (f[1].equals("none")) {
                assertEquals("0.5000,0.5000,0.5000", f[3] + "," + f[4] + "," + f[5], "no references: chance");
            }
        }
        assertEquals(List.of("I/natural/natural", "I/synthetic/synthetic", "I/none/none", "II/Min-Max-9/natural",
                "II/Min-Max-9/synthetic", "II/Min-Max-1/natural", "II/Min-Max-1/synthetic", "II/Max-9/natural",
                "II/Max-9/synthetic", "II/Max-1/natural", "II/Max-1/synthetic"), keys);
        // Exp I with references is the Min-Max-9 protocol on the same directions.
        assertEquals(lines.get(1).split(",")[3], lines.get(4).split(",")[3]);
        assertEquals(lines.get(2).split(",")[3], lines.get(5).split(",")[3]);
    }

    @Test
    void humanColumnsComeFromTheAuthorsFilesOrThePaper() throws Exception {
        List<String> lines = Files.readAllLines(out.resolve("conditions.csv"));
        boolean real = org.ipb.core.ReferenceData.present("borowski2021", CliRunner.home().resolve(
                "../shared/reference-data/borowski2021/experiment_I_main_practice_catch_repeated_trials_preprocessed.csv"));
        String natural = lines.get(1);
        if (real) {
            assertTrue(natural.endsWith(",0.9222,450"), natural);
        } else {
            assertTrue(natural.endsWith(",0.9200,"), natural);
        }
        JsonNode j = Json.MAPPER.readTree(out.resolve("replication.json").toFile());
        assertFalse(j.path("codeVersion").asText().isEmpty());
        assertEquals(2, j.path("settings").path("units").size());
        assertEquals(8, j.path("settings").path("synthetic").path("steps").asInt());
        assertEquals(real ? 11 : 4, j.path("spearman").path("n").asInt(), "conditions with a human number");
        assertEquals(3, j.path("effects").size());
        assertTrue(j.path("timings").path("totalSeconds").asDouble() > 0);
        assertTrue(Files.readString(out.resolve("REPLICATION.md")).contains("Spearman"));
        assertTrue(first.out().contains("natural > synthetic"), first.out());
        assertTrue(first.out().contains("(n = " + j.path("spearman").path("n").asInt() + " conditions)"), first.out());
        assertEquals(2 * 18, Files.list(out.resolve("synthetic/conv1")).count()
                + Files.list(out.resolve("synthetic/conv4")).count());
    }

    @Test
    void sameSeedSameCsv() throws Exception {
        Path again = tmp.resolve("again");
        CliRunner.Result r = CliRunner.run(args(again));
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(Files.readString(out.resolve("conditions.csv")), Files.readString(again.resolve("conditions.csv")));
        assertEquals(Files.readString(out.resolve("directions.csv")), Files.readString(again.resolve("directions.csv")));
    }

    @Test
    void unknownReplicationIsAOneLineError() {
        Path dir = tmp.resolve("x");
        CliRunner.Result r = CliRunner.run("replicate", "borowski2020", "--out", dir.toString());
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("replication name") && r.err().contains("borowski2021"), r.err());
        assertFalse(Files.exists(dir));
    }

    @Test
    void malformedReferenceCsvNamesTheFile() throws Exception {
        Path ref = tmp.resolve("ref");
        Files.createDirectories(ref);
        Path f = ref.resolve("experiment_I_main_practice_catch_repeated_trials_preprocessed.csv");
        Files.writeString(f, "subject_id,trial_nr\n1,2\n");
        Path dir = tmp.resolve("y");
        CliRunner.Result r = CliRunner.run(args(dir, "--reference-data", ref.toString()));
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(f.toString()), r.err());
        assertFalse(Files.exists(dir), "nothing written");
    }
}
