package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.ipb.core.Json;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyArray;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ipb run} and {@code ipb submit} end to end on a mini benchmark (fmnist-cnn conv4, pca and
 * random, 4 directions x 3 tasks): reproducible published boards, versioned submissions, refused
 * submissions that write nothing, and scorer versions that must match the code.
 */
class RunSubmitTest {
    static final String MODEL = "fmnist-cnn";
    static final String LAYER = "conv4";

    @TempDir
    static Path shared;

    /** The mini benchmark definition (test resource). */
    static Path def;
    /** Work folder of the one shared {@code ipb run}: activations and the entry cache. */
    static Path work;
    /** Board published by the shared run. */
    static Path board;
    /** Width of conv4 (from the activations header). */
    static int width;

    @BeforeAll
    static void runOnce() throws Exception {
        def = Path.of(RunSubmitTest.class.getResource("/benchmarks/mini.v1.json").toURI());
        work = shared.resolve("work");
        board = shared.resolve("board");
        CliRunner.Result r = run(work, board, shared.resolve("no-submissions"));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("mini-2afc@1") && r.out().contains("2 built-in rows"), r.out());
        assertTrue(Files.isRegularFile(work.resolve("entries.json")), "ipb run caches its entries");
        width = (int) Npy.shapeOf(work.resolve("activations").resolve(LAYER + ".npy"))[1];
        assertEquals(128, width, "conv4 of fmnist-cnn has 128 channels (its manifest)");
    }

    static CliRunner.Result run(Path work, Path out, Path submissions) {
        return CliRunner.run("run", "--benchmark", def.toString(), "--work", work.toString(), "--out", out.toString(),
                "--submissions", submissions.toString(), "--no-progress");
    }

    static CliRunner.Result submit(String model, String layer, String name, Path directions, Path submissions,
            Path out) {
        return CliRunner.run("submit", "--model", model, "--layer", layer, "--method-name", name, "--directions",
                directions.toString(), "--description", "test directions", "--submitter", "tester", "--benchmark",
                def.toString(), "--work", work.toString(), "--submissions", submissions.toString(), "--out",
                out.toString());
    }

    /** Every regular file under {@code dir}, by path relative to it, with its bytes. */
    static Map<String, byte[]> files(Path dir) throws Exception {
        Map<String, byte[]> m = new TreeMap<>();
        if (!Files.exists(dir)) {
            return m;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                m.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }

    /** Every path (files and folders) under {@code dir}, relative to it. */
    static List<String> paths(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    /** Data rows of a CSV (CRLF lines, header dropped), split on commas (the rows checked hold no quoted commas). */
    static List<String[]> csvRows(Path csv) throws Exception {
        String[] lines = Files.readString(csv, StandardCharsets.UTF_8).split("\r\n");
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            rows.add(lines[i].split(",", -1));
        }
        return rows;
    }

    static int column(Path csv, String name) throws Exception {
        String header = Files.readString(csv, StandardCharsets.UTF_8).split("\r\n")[0];
        int i = Arrays.asList(header.split(",")).indexOf(name);
        assertTrue(i >= 0, "column " + name + " in " + header);
        return i;
    }

    /** (entry, version) of every row of a published CSV, in order. */
    static List<String> entries(Path csv) throws Exception {
        int e = column(csv, "entry");
        int v = column(csv, "entry_version");
        return csvRows(csv).stream().map(r -> r[e] + " v" + r[v]).sorted().toList();
    }

    /** A K x C float32 matrix of seeded Gaussian values (no zero row). */
    static float[] gaussian(int rows, int cols, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] d = new float[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return d;
    }

    /** As {@link #gaussian}, each row scaled to unit length (as the built-in direction finders write them). */
    static float[] unitRows(int rows, int cols, long seed) {
        float[] d = gaussian(rows, cols, seed);
        for (int i = 0; i < rows; i++) {
            double n = 0;
            for (int j = 0; j < cols; j++) {
                n += (double) d[i * cols + j] * d[i * cols + j];
            }
            n = Math.sqrt(n);
            for (int j = 0; j < cols; j++) {
                d[i * cols + j] = (float) (d[i * cols + j] / n);
            }
        }
        return d;
    }

    static Path npy(Path dir, String name, NpyArray a) throws Exception {
        Files.createDirectories(dir);
        Path f = dir.resolve(name);
        Npy.write(f, a);
        return f;
    }

    @Test
    void runTwiceGivesByteIdenticalBoards() throws Exception {
        // A fresh work folder: extraction, directions, tasks and scores are all redone.
        Path board2 = shared.resolve("board2");
        CliRunner.Result r = run(shared.resolve("work2"), board2, shared.resolve("no-submissions"));
        assertEquals(0, r.exitCode(), r.err());
        Map<String, byte[]> a = files(board);
        Map<String, byte[]> b = files(board2);
        assertEquals(a.keySet(), b.keySet(), "the same files are published");
        for (String f : List.of("leaderboard.json", "leaderboard.csv", "LEADERBOARD.md", "index.html",
                "leaderboard.schema.json")) {
            assertTrue(a.containsKey(f), f + " published: " + a.keySet());
        }
        List<String> pngs = a.keySet().stream().filter(f -> f.endsWith(".png")).toList();
        assertFalse(pngs.isEmpty(), "charts published: " + a.keySet());
        for (String png : pngs) {
            byte[] head = Arrays.copyOf(a.get(png), 8);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head, png + " is a PNG");
        }
        for (String f : a.keySet()) {
            assertArrayEquals(a.get(f), b.get(f), f + " differs between two runs of the same benchmark");
        }
        assertTrue(a.keySet().stream().anyMatch(f -> f.startsWith("sheets/") && f.endsWith(".png")),
                "contact sheets published: " + a.keySet());
        // Republished from the cached entries: the same board, nothing extracted or scored again.
        Path board3 = shared.resolve("board3");
        CliRunner.Result re = CliRunner.run("run", "--benchmark", def.toString(), "--work", shared.resolve("work2")
                .toString(), "--out", board3.toString(), "--submissions", shared.resolve("no-submissions").toString(),
                "--no-progress", "--republish");
        assertEquals(0, re.exitCode(), re.err());
        assertTrue(re.out().contains("republished") && !re.err().contains("extracting"), re.out() + re.err());
        Map<String, byte[]> c = files(board3);
        assertEquals(a.keySet(), c.keySet(), "republishing publishes the same files");
        for (String f : a.keySet()) {
            assertArrayEquals(a.get(f), c.get(f), f + " differs when republished from the cache");
        }
        CliRunner.Result none = CliRunner.run("run", "--benchmark", def.toString(), "--work", shared.resolve("empty-work")
                .toString(), "--out", shared.resolve("board4").toString(), "--republish");
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("no cached entries"), none.err());
        assertFalse(Files.exists(shared.resolve("board4")), "nothing published without cached entries");

        Path csv = board.resolve("leaderboard.csv");
        List<String[]> rows = csvRows(csv);
        assertEquals(2, rows.size(), "one row per (layer, method): conv4 x {pca, random}");
        int layer = column(csv, "layer");
        int acc = column(csv, "headline_accuracy");
        int measure = column(csv, "headline_measure");
        int kind = column(csv, "kind");
        int bench = column(csv, "benchmark");
        assertEquals(List.of("pca v0", "random v0"), entries(csv));
        for (String[] row : rows) {
            assertEquals(LAYER, row[layer]);
            assertEquals("builtin", row[kind]);
            assertEquals("mini-2afc@1", row[bench]);
            assertEquals("machine 2-AFC accuracy (uncalibrated)", row[measure],
                    "without human data the headline is the uncalibrated machine accuracy");
            double p = Double.parseDouble(row[acc]);
            assertTrue(p >= 0 && p <= 1, "machine accuracy in [0, 1]: " + p);
        }
        String md = Files.readString(board.resolve("LEADERBOARD.md"), StandardCharsets.UTF_8);
        assertTrue(md.contains("No human data") && md.toLowerCase(java.util.Locale.ROOT)
                .contains("the human columns are empty"), md);
        JsonNode json = Json.MAPPER.readTree(board.resolve("leaderboard.json").toFile());
        assertEquals(2, json.get("rows").size(), json.toString());
    }

    @Test
    void submitStoresVersionsAndRepublishes() throws Exception {
        Path subs = shared.resolve("submissions-good");
        Path out = shared.resolve("board-submit");
        Path d1 = npy(shared.resolve("in"), "acme1.npy", NpyArray.ofFloats(unitRows(3, width, 1), 3, width));
        CliRunner.Result r = submit(MODEL, LAYER, "acme", d1, subs, out);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("stored acme v1") && r.out().contains("republished"), r.out());
        Path v1 = subs.resolve("acme").resolve("v1");
        assertEquals(List.of("directions.npy", "entry.json", "submission.json"),
                files(v1).keySet().stream().toList(), "stored files");
        assertArrayEquals(Files.readAllBytes(d1), Files.readAllBytes(v1.resolve("directions.npy")),
                "the submitted file is stored as given");
        JsonNode meta = Json.MAPPER.readTree(v1.resolve("submission.json").toFile());
        assertEquals("acme", meta.get("name").asText());
        assertEquals(1, meta.get("version").asInt());
        assertEquals(LAYER, meta.get("layer").asText());
        assertEquals("mini-2afc@1", meta.get("benchmark").asText());
        assertEquals("tester", meta.get("submitter").asText());
        JsonNode entry = Json.MAPPER.readTree(v1.resolve("entry.json").toFile());
        assertEquals(3, entry.get("directionIds").size(), entry.toString());
        Path csv = out.resolve("leaderboard.csv");
        assertEquals(List.of("acme v1", "pca v0", "random v0"), entries(csv), "board after v1");
        int acc = column(csv, "headline_accuracy");
        int entryCol = column(csv, "entry");
        for (String[] row : csvRows(csv)) {
            if (row[entryCol].equals("acme")) {
                double p = Double.parseDouble(row[acc]);
                assertTrue(p >= 0 && p <= 1, "machine accuracy of acme in [0, 1]: " + p);
            }
        }
        Map<String, byte[]> v1Files = files(v1);

        Path d2 = npy(shared.resolve("in"), "acme2.npy", NpyArray.ofFloats(unitRows(3, width, 2), 3, width));
        r = submit(MODEL, LAYER, "acme", d2, subs, out);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("stored acme v2"), r.out());
        Path v2 = subs.resolve("acme").resolve("v2");
        assertArrayEquals(Files.readAllBytes(d2), Files.readAllBytes(v2.resolve("directions.npy")));
        assertEquals(2, Json.MAPPER.readTree(v2.resolve("submission.json").toFile()).get("version").asInt());
        Map<String, byte[]> v1After = files(v1);
        assertEquals(v1Files.keySet(), v1After.keySet(), "v1 keeps its files");
        for (String f : v1Files.keySet()) {
            assertArrayEquals(v1Files.get(f), v1After.get(f), "v1/" + f + " unchanged by v2");
        }
        assertEquals(List.of("v1", "v2"), paths(subs.resolve("acme")).stream().filter(p -> !p.contains("/")
                && !p.isEmpty()).toList());
        assertEquals(List.of("acme v1", "acme v2", "pca v0", "random v0"), entries(csv), "board after v2");

        // The first file again: reported as identical to v1, nothing stored, the board unchanged.
        byte[] boardBefore = Files.readAllBytes(csv);
        r = submit(MODEL, LAYER, "acme", d1, subs, out);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("identical to acme v1"), r.out());
        assertFalse(Files.exists(subs.resolve("acme").resolve("v3")), "an identical resubmission is not stored");
        assertArrayEquals(boardBefore, Files.readAllBytes(csv));
    }

    /**
     * A finite K x C file with no zero row passes validation (the help of ipb submit asks for nothing
     * more), so it must either be scored and stored, or be refused up front in one line naming the
     * file with nothing stored. Rows that are not unit length must not get through validation and
     * then fail inside a scorer.
     */
    @Test
    void directionsThatAreNotUnitLengthAreScoredOrRefusedUpFront() throws Exception {
        Path subs = shared.resolve("submissions-scaled");
        Path out = shared.resolve("board-scaled");
        float[] scaled = unitRows(3, width, 8);
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 3;
        }
        Path f = npy(shared.resolve("in"), "scaled.npy", NpyArray.ofFloats(scaled, 3, width));
        CliRunner.Result r = submit(MODEL, LAYER, "scaled", f, subs, out);
        String err = r.err().strip();
        if (r.exitCode() == 0) {
            assertTrue(Files.isRegularFile(subs.resolve("scaled").resolve("v1").resolve("entry.json")), r.out());
            assertEquals(List.of("pca v0", "random v0", "scaled v1"), entries(out.resolve("leaderboard.csv")));
        } else {
            assertEquals(2, r.exitCode(), err);
            assertFalse(Files.exists(subs), "nothing stored: " + paths(subs));
            assertTrue(err.contains(f.toString()) && err.lines().count() == 1,
                    "BUG: rows of norm 3 pass Submissions.validate but are then refused by the ablation scorer"
                    + " during scoring, in a message that does not name the submitted file: " + err);
        }
    }

    record Bad(String what, String model, String layer, String name, Path file, boolean namesFile, String problem) {}

    @Test
    void badSubmissionsAreRefusedAndWriteNothing() throws Exception {
        Path in = shared.resolve("bad-in");
        int c = width;
        float[] nan = gaussian(3, c, 3);
        nan[c + 5] = Float.NaN;
        float[] zero = gaussian(3, c, 4);
        Arrays.fill(zero, 2 * c, 3 * c, 0f);
        List<Bad> cases = List.of(
                new Bad("wrong width", MODEL, LAYER, "wide", npy(in, "wide.npy",
                        NpyArray.ofFloats(gaussian(3, 10, 5), 3, 10)), true, "K x " + c),
                new Bad("NaN value", MODEL, LAYER, "nan", npy(in, "nan.npy", NpyArray.ofFloats(nan, 3, c)), true,
                        "non-finite value NaN at row 1, column 5"),
                new Bad("all-zero row", MODEL, LAYER, "zero", npy(in, "zero.npy", NpyArray.ofFloats(zero, 3, c)),
                        true, "row 2 is zero"),
                new Bad("int32 dtype", MODEL, LAYER, "ints", npy(in, "ints.npy",
                        NpyArray.ofInts(new int[3 * c], 3, c)), true, "<i4"),
                new Bad("1-D array", MODEL, LAYER, "flat", npy(in, "flat.npy",
                        NpyArray.ofFloats(gaussian(1, c, 6), c)), true, "got shape [" + c + "]"),
                new Bad("missing file", MODEL, LAYER, "missing", in.resolve("absent.npy"), true, "no such file"),
                new Bad("built-in method name", MODEL, LAYER, "pca", npy(in, "ok.npy",
                        NpyArray.ofFloats(gaussian(3, c, 7), 3, c)), false, "built-in method"),
                new Bad("bad name", MODEL, LAYER, "Bad Name!", in.resolve("ok.npy"), false, "must match"),
                new Bad("unknown layer", MODEL, "conv9", "acme", in.resolve("ok.npy"), false, "no layer 'conv9'"),
                new Bad("layer not in the benchmark", MODEL, "conv1", "acme", in.resolve("ok.npy"), false,
                        "no layer 'conv1'"),
                new Bad("another model", "imagenet-resnet", LAYER, "acme", in.resolve("ok.npy"), false,
                        "defined on model fmnist-cnn, not imagenet-resnet"));
        Path subs = shared.resolve("submissions-bad");
        Path out = shared.resolve("board-bad");
        List<String> workBefore = paths(work);
        for (Bad b : cases) {
            CliRunner.Result r = submit(b.model(), b.layer(), b.name(), b.file(), subs, out);
            String err = r.err().strip();
            assertEquals(2, r.exitCode(), b.what() + ": exit code; err: " + err);
            assertEquals(1, err.lines().count(), b.what() + ": one line: " + err);
            assertTrue(err.startsWith("ipb: error: "), b.what() + ": " + err);
            assertTrue(err.contains(b.problem()), b.what() + ": names the problem '" + b.problem() + "': " + err);
            if (b.namesFile()) {
                assertTrue(err.contains(b.file().toString()), b.what() + ": names the file: " + err);
            }
            assertFalse(Files.exists(subs), b.what() + ": nothing stored under --submissions: " + paths(subs));
            assertFalse(Files.exists(out), b.what() + ": no board published: " + paths(out));
            assertEquals(workBefore, paths(work), b.what() + ": nothing written into the work folder");
        }
    }

    /** {@code ipb run} of the mini definition with scorer mis at version 1 (the code has 2), in {@code tmp}. */
    static CliRunner.Result runWithMisVersion1(Path tmp, Path definition) throws Exception {
        String text = Files.readString(def, StandardCharsets.UTF_8);
        String changed = text.replace("\"mis\": \"2\"", "\"mis\": \"1\"");
        assertFalse(text.equals(changed), "the definition names mis version 2");
        Files.writeString(definition, changed, StandardCharsets.UTF_8);
        return CliRunner.run("run", "--benchmark", definition.toString(), "--work", tmp.resolve("work").toString(),
                "--out", tmp.resolve("board").toString(), "--submissions", tmp.resolve("subs").toString(),
                "--no-progress");
    }

    @Test
    void scorerVersionOtherThanTheCodeNeedsANewBenchmarkVersion(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("mini-mis1.v1.json");
        CliRunner.Result r = runWithMisVersion1(tmp, bad);
        String err = r.err().strip();
        assertEquals(2, r.exitCode(), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("ipb: error: "), err);
        assertTrue(err.contains("define a new benchmark version"), err);
        assertTrue(err.contains("mis") && err.contains("version 1") && err.contains("mini-2afc@1"), err);
        assertEquals("", r.out(), "nothing published");
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("mini-mis1.v1.json"), s.map(p -> p.getFileName().toString()).toList(),
                    "no work folder, board or submissions folder written");
        }
    }

    @Test
    void scorerVersionRefusalNamesTheDefinitionFile(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("mini-mis1.v1.json");
        CliRunner.Result r = runWithMisVersion1(tmp, bad);
        String err = r.err().strip();
        assertEquals(2, r.exitCode(), err);
        assertTrue(err.contains(bad.toString()), "BUG: the refusal names the benchmark key but not the definition"
                + " file it came from (house rule: a user error names the file and the problem): " + err);
    }
}
