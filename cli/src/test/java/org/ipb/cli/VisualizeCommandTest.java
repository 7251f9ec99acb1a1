package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ipb.core.Json;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyArray;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisualizeCommandTest {
    @TempDir
    static Path tmp;

    static Path directions;

    @BeforeAll
    static void setUp() {
        float[] d = new float[2 * 128];
        d[5] = 1f;
        d[128 + 9] = 1f;
        directions = tmp.resolve("d.npy");
        Npy.write(directions, NpyArray.ofFloats(d, 2, 128));
    }

    @Test
    void writesImagesAndTheComparison() throws Exception {
        Path out = tmp.resolve("vis");
        CliRunner.Result r = CliRunner.run("visualize", "--layer", "conv4", "--directions", directions.toString(),
                "--index", "1", "--steps", "6", "--minimize", "--device", "cpu", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("beat the best natural exemplar"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("1-max.png")));
        assertTrue(Files.isRegularFile(out.resolve("1-min.png")));
        assertTrue(Files.isRegularFile(out.resolve("1-max-x8.png")));
        assertFalse(Files.exists(out.resolve("0-max.png")));
        JsonNode doc = Json.MAPPER.readTree(out.resolve("visualizations.json").toFile());
        assertEquals(1, doc.at("/directions/0/index").asInt());
        assertEquals("fashion-mnist-test:000000".length(), doc.at("/directions/0/bestNaturalExemplar/id").asText().length());
        assertTrue(doc.at("/directions/0/max/activation").isNumber());
        assertEquals(6, doc.at("/directions/0/steps").asInt());
        assertEquals("MXNet", doc.at("/directions/0/engine").asText());
    }

    @Test
    void badInputIsOneLineExitTwoAndNothingWritten() throws Exception {
        Path out = tmp.resolve("bad");
        Path missing = tmp.resolve("nope.npy");
        String[][] cases = {
            {"--layer", "conv4", "--directions", missing.toString(), "--out", out.toString()},
            {"--layer", "conv4", "--directions", directions.toString(), "--index", "7", "--out", out.toString()},
            {"--layer", "conv7", "--directions", directions.toString(), "--out", out.toString()},
            {"--layer", "conv3", "--directions", directions.toString(), "--steps", "0", "--out", out.toString()},
            {"--layer", "conv4", "--directions", directions.toString(), "--model", "no-such-model", "--out", out.toString()},
        };
        String[] expect = {missing.toString(), directions.toString(), "conv7", "--steps", "no-such-model"};
        for (int i = 0; i < cases.length; i++) {
            String[] args = new String[cases[i].length + 1];
            args[0] = "visualize";
            System.arraycopy(cases[i], 0, args, 1, cases[i].length);
            CliRunner.Result r = CliRunner.run(args);
            assertEquals(2, r.exitCode(), r.err());
            String line = r.err().strip();
            assertFalse(line.contains("\n"), line);
            assertTrue(line.startsWith("ipb: error: ") && line.contains(expect[i]), line);
        }
        assertFalse(Files.exists(out));
    }
}
