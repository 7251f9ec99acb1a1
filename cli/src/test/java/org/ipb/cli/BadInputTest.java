package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.ipb.core.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input of issue 2 gets one line naming the file and the problem, exit code 2, and
 * nothing in --out (not even a staging folder beside it).
 */
class BadInputTest {
    @TempDir
    Path tmp;

    private Path out() {
        return tmp.resolve("results").resolve("out");
    }

    /** Runs extract and checks the common contract; returns the error line. */
    private String extractFails(String... extra) {
        String[] args = Stream.concat(Stream.of("extract", "--limit", "40", "--no-progress", "--out", out().toString()),
                Arrays.stream(extra)).toArray(String[]::new);
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(2, r.exitCode(), "exit code; stderr: " + r.err());
        String[] lines = r.err().strip().split("\n");
        String error = lines[lines.length - 1];
        assertTrue(error.startsWith("ipb: error: "), r.err());
        assertTrue(Files.notExists(out()), "nothing written to --out");
        Path parent = out().getParent();
        if (Files.exists(parent)) {
            try (Stream<Path> s = Files.list(parent)) {
                assertEquals(0, s.count(), "no staging leftovers beside --out");
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
        return error;
    }

    private ObjectNode shippedStimulusManifest() throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(CliRunner.embedded("stimulus-sets/fashion-mnist-test.json").toFile());
    }

    private ObjectNode shippedModelManifest() throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(CliRunner.embedded("models/fmnist-cnn.json").toFile());
    }

    private Path write(String name, ObjectNode manifest) throws Exception {
        Path f = tmp.resolve(name);
        Json.MAPPER.writeValue(f.toFile(), manifest);
        return f;
    }

    /** The shipped test set's manifest with its IDX images replaced by {@code images}. */
    private Path stimulusManifestWithImages(Path images) throws Exception {
        ObjectNode m = shippedStimulusManifest();
        ObjectNode src = (ObjectNode) m.get("source");
        src.put("images", images.toString());
        src.put("labels", CliRunner.embedded("stimulus-sets/fashion-mnist-test/t10k-labels-idx1-ubyte.gz").toString());
        m.remove("sha256");
        m.remove("license");
        m.putObject("license").put("name", "MIT");
        return write("set.json", m);
    }

    @Test
    void missingIdxFile() throws Exception {
        Path missing = tmp.resolve("nowhere-images-idx3-ubyte.gz");
        String e = extractFails("--dataset", stimulusManifestWithImages(missing).toString());
        assertTrue(e.contains(missing.toString()) && e.contains("not found"), e);
    }

    @Test
    void truncatedIdxFile() throws Exception {
        byte[] whole = Files.readAllBytes(CliRunner.embedded("stimulus-sets/fashion-mnist-test/t10k-images-idx3-ubyte.gz"));
        Path cut = tmp.resolve("cut-images-idx3-ubyte.gz");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        String e = extractFails("--dataset", stimulusManifestWithImages(cut).toString());
        assertTrue(e.contains(cut.toString()), e);
    }

    @Test
    void idxFileWithWrongMagic() throws Exception {
        Path bad = tmp.resolve("bad-images-idx3-ubyte");
        Files.write(bad, new byte[] {1, 2, 8, 3, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 28});
        String e = extractFails("--dataset", stimulusManifestWithImages(bad).toString());
        assertTrue(e.contains(bad.toString()), e);
    }

    @Test
    void corruptImageInAnImageFolderLeavesNothingBehind() throws Exception {
        // Detected only when the bad image's batch is read, after earlier batches were written.
        Path root = tmp.resolve("images");
        for (String cls : new String[] {"a", "b"}) {
            Files.createDirectories(root.resolve(cls));
            for (int i = 0; i < 20; i++) {
                BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
                img.getRaster().setSample(i, i, 0, 200);
                ImageIO.write(img, "png", root.resolve(cls).resolve(String.format("%02d.png", i)).toFile());
            }
        }
        Path corrupt = root.resolve("b").resolve("19.png");
        Files.write(corrupt, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        ObjectNode m = shippedStimulusManifest();
        m.put("name", "tiny-folder");
        m.remove("sha256");
        m.remove("classes");
        m.putObject("license").put("name", "test data");
        m.putObject("source").put("type", "image-folder").put("root", root.toString());
        String e = extractFails("--dataset", write("folder.json", m).toString(), "--batch", "8");
        assertTrue(e.contains(corrupt.toString()), e);
    }

    @Test
    void manifestWithUnknownField() throws Exception {
        ObjectNode m = shippedStimulusManifest();
        ((ObjectNode) m.get("preprocessing")).put("colour", "grey");
        Path f = write("unknown-field.json", m);
        String e = extractFails("--dataset", f.toString());
        assertTrue(e.contains(f.toString()) && e.contains("colour"), e);
    }

    @Test
    void manifestWithWrongType() throws Exception {
        ObjectNode m = shippedModelManifest();
        m.put("inputShape", "1x28x28");
        Path f = write("wrong-type.json", m);
        String e = extractFails("--model", f.toString(), "--dataset", "fashion-mnist-test");
        assertTrue(e.contains(f.toString()) && e.contains("inputShape"), e);
    }

    @Test
    void layerThatDoesNotExistListsTheValidOnes() {
        String e = extractFails("--layers", "conv2,fc7");
        assertTrue(e.contains("fc7") && e.contains("conv1, conv2, conv3, conv4, logits"), e);
    }

    @Test
    void checkpointOfAnotherArchitecture() throws Exception {
        ObjectNode m = shippedModelManifest();
        Path observerParams = Files.list(CliRunner.embedded("models/fmnist-observer"))
                .filter(p -> p.toString().endsWith(".params")).findFirst().orElseThrow();
        ((ObjectNode) m.get("source")).put("params", observerParams.toString());
        m.remove("sha256");
        m.remove("provenance");
        String e = extractFails("--model", write("mismatch.json", m).toString());
        assertTrue(e.contains(observerParams.toString()) && e.contains("does not match architecture"), e);
    }

    @Test
    void truncatedCheckpoint() throws Exception {
        ObjectNode m = shippedModelManifest();
        Path params = CliRunner.embedded("models").resolve(m.get("source").get("params").asText());
        byte[] whole = Files.readAllBytes(params);
        Path cut = tmp.resolve(params.getFileName());
        Files.write(cut, Arrays.copyOf(whole, whole.length / 3));
        ((ObjectNode) m.get("source")).put("params", cut.toString());
        m.remove("sha256");
        m.remove("provenance");
        String e = extractFails("--model", write("truncated.json", m).toString());
        assertTrue(e.contains(cut.toString()), e);
    }

    @Test
    void checkpointWhoseSha256DoesNotMatchTheManifest() throws Exception {
        ObjectNode m = shippedModelManifest();
        String key = m.get("sha256").fieldNames().next();
        ((ObjectNode) m.get("sha256")).put(key, "0".repeat(64));
        // Keep relative paths working: write next to the shipped manifest's folder via absolute params.
        Path params = CliRunner.embedded("models").resolve(key);
        ((ObjectNode) m.get("source")).put("params", params.toString());
        m.remove("sha256");
        m.putObject("sha256").put(params.toString(), "0".repeat(64));
        m.remove("provenance");
        String e = extractFails("--model", write("tampered.json", m).toString());
        assertTrue(e.contains(params.toString()) && e.contains("sha256 mismatch"), e);
    }

    @Test
    void unknownShippedModelNameListsTheShippedOnes() {
        String e = extractFails("--model", "resnet-9000");
        assertTrue(e.contains("resnet-9000") && e.contains("fmnist-cnn"), e);
    }

    @Test
    void outputPathThatIsAFile() throws Exception {
        Files.createDirectories(out().getParent());
        Files.writeString(out(), "not a folder");
        CliRunner.Result r = CliRunner.run("extract", "--limit", "8", "--no-progress", "--out", out().toString());
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("not a folder", Files.readString(out()));
    }
}
