package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.ipb.core.Json;
import org.ipb.core.UserError;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.CandidateSets;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyArray;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ipb exemplars} on real activations: {@code ipb extract} of the shipped model's conv4 for
 * the first 500 Fashion-MNIST test images, then exemplars for 3 random unit directions.
 *
 * <p>Until the lead registers {@link ExemplarsCommand} in {@link Main}, the command runs on its
 * own picocli {@code CommandLine} with Main's error convention (one line, exit 2); once it is
 * registered, the same tests go through {@code Main.run} via {@link CliRunner}.
 */
class ExemplarsCommandTest {
    static final int N = 500;
    @TempDir
    static Path tmp;
    static Path activations;
    static Path directions;

    @BeforeAll
    static void extractAndMakeDirections() throws Exception {
        Path acts = tmp.resolve("acts");
        CliRunner.Result r = CliRunner.run("extract", "--limit", Integer.toString(N), "--layers", "conv4",
                "--no-progress", "--out", acts.toString());
        assertEquals(0, r.exitCode(), r.err());
        activations = acts.resolve("conv4.npy");
        int c = (int) Npy.shapeOf(activations)[1];
        Random rnd = new Random(4);
        float[] d = new float[3 * c];
        for (int k = 0; k < 3; k++) {
            double norm = 0;
            for (int j = 0; j < c; j++) {
                d[k * c + j] = (float) rnd.nextGaussian();
                norm += d[k * c + j] * d[k * c + j];
            }
            for (int j = 0; j < c; j++) {
                d[k * c + j] /= (float) Math.sqrt(norm);
            }
        }
        directions = Files.createDirectories(tmp.resolve("dirs")).resolve("random.npy");
        Npy.write(directions, NpyArray.ofFloats(d, 3, c));
        Json.write(tmp.resolve("dirs/random.report.json"), Map.of("method", "random", "k", 3));
    }

    static CliRunner.Result exemplars(String... args) {
        if (new CommandLine(new Main()).getSubcommands().containsKey("exemplars")) {
            String[] all = Stream.concat(Stream.of("exemplars"), Stream.of(args)).toArray(String[]::new);
            return CliRunner.run(all);
        }
        StringWriter err = new StringWriter();
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            CommandLine cl = new CommandLine(new ExemplarsCommand());
            cl.setErr(new PrintWriter(err, true));
            cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
                cmd.getErr().println((ex instanceof UserError ? "ipb: error: " : "ipb: internal error: ")
                        + ex.getMessage());
                return ex instanceof UserError ? UserError.EXIT_CODE : 1;
            });
            cl.setParameterExceptionHandler((ex, a) -> {
                ex.getCommandLine().getErr().println("ipb: error: " + ex.getMessage());
                return UserError.EXIT_CODE;
            });
            int rc = cl.execute(args);
            return new CliRunner.Result(rc, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(oldOut);
        }
    }

    @Test
    void exemplarsOfRealActivationsWithDefaultsFromTheSidecars() throws Exception {
        Path out = tmp.resolve("out");
        CliRunner.Result r = exemplars("--activations", activations.toString(), "--directions", directions.toString(),
                "--sheets", "2", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("3 directions of fmnist-cnn:conv4 (random) over 500 x 128 fashion-mnist-test"
                + " stimuli (imi2023: 200 per side, references from ranks 1-180, queries from 181-200), 20 tasks each,"
                + " 2 contact sheets -> "), r.out());
        assertEquals(1, r.out().lines().count());
        CandidateSet cs = CandidateSets.read(out.resolve("candidates.json"));
        assertEquals("fmnist-cnn:conv4:random:2", cs.directions().get(2).id());
        assertEquals(20, cs.directions().get(0).tasks().size());
        assertEquals("imi2023", cs.protocol().name());

        // The quantile protocol by name, and a stimulus set too small for imi2023's numbers.
        Path q = tmp.resolve("q");
        r = exemplars("--activations", activations.toString(), "--directions", directions.toString(),
                "--protocol", "quantile", "--sheets", "0", "--out", q.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("(quantile: 100 per side in the top/bottom 20 %)"), r.out());
        assertEquals("quantile", CandidateSets.read(q.resolve("candidates.json")).protocol().name());
        assertTrue(cs.directions().get(0).top().get(0).id().startsWith("fashion-mnist-test:"));
        assertTrue(Files.isRegularFile(out.resolve("sheets/random-0000.png")));
        assertTrue(Files.isRegularFile(out.resolve("sheets/random-0001.png")));
        assertFalse(Files.exists(out.resolve("sheets/random-0002.png")));
    }

    @Test
    void badInputsExitTwoWithOneLineAndNoOutput() {
        Path out = tmp.resolve("bad");
        Path wide = tmp.resolve("dirs/wide.npy");
        Npy.write(wide, NpyArray.ofFloats(new float[2 * 7], 2, 7));
        CliRunner.Result r = exemplars("--activations", activations.toString(), "--directions", wide.toString(),
                "--method", "x", "--out", out.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains(wide.toString()) && r.err().contains(activations.toString())
                && r.err().contains("2 x 7") && r.err().contains("500 x 128"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());

        r = exemplars("--activations", activations.toString(), "--directions", directions.toString(),
                "--protocol", "quantile", "--quantile", "0.6", "--out", out.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("(0, 0.5]"), r.err());

        r = exemplars("--activations", activations.toString(), "--directions", directions.toString(),
                "--protocol", "imi2024", "--out", out.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--protocol") && r.err().contains("imi2024"), r.err());

        r = exemplars("--activations", activations.toString(), "--directions", directions.toString(),
                "--extremes", "300", "--reference-ranks", "270", "--out", out.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("fashion-mnist-test") && r.err().contains("500") && r.err().contains("600"),
                r.err());
        assertEquals(1, r.err().lines().count(), r.err());

        r = exemplars("--activations", activations.toString(), "--directions", directions.toString(),
                "--sheets", "some", "--out", out.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--sheets"), r.err());

        r = exemplars("--activations", tmp.resolve("nope.npy").toString(), "--directions", directions.toString(),
                "--out", out.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("nope.npy: file not found"), r.err());
        assertFalse(Files.exists(out));
    }
}
