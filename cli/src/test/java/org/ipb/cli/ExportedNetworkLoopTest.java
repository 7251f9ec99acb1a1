package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.ipb.core.DebianTorch;
import org.ipb.core.Json;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyArray;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop on a torchvision network brought by python/ipb_export.py (issue 14), at a
 * reduced size: ResNet-18 trained here for a few epochs by torchvision (5-way head) at 64 x 64 on
 * 500 RGB images of varied sizes in an
 * image folder (resize + centre crop as torchvision), with a second exported network as the
 * observer. A benchmark board from the exported template (both layers, ablation through the tails,
 * MIS with the RGB observer), a submission on it, both exemplar protocols, activations computed
 * outside ipb scored, feature visualization and the synthetic condition on the TorchScript model,
 * and a study created from its candidates.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExportedNetworkLoopTest {
    private static final int PER_CLASS = 100;
    private static final int CLASSES = 5;

    @TempDir
    static Path dir;
    private static Path export;
    private static Path template;

    @BeforeAll
    static void exportAndImages() throws Exception {
        Assumptions.assumeTrue(DebianTorch.present(), DebianTorch.PYTHON + " with torch is missing");
        export = dir.resolve("byo");
        writeImages(dir.resolve("byo/images"));
        Files.writeString(export.resolve("stimuli.json"), """
                {"kind": "stimulus-set", "name": "rgb-shapes", "version": "1",
                 "description": "500 seeded RGB images of 5 kinds, varied sizes",
                 "source": {"type": "image-folder", "root": "images"},
                 "preprocessing": {"height": 64, "width": 64, "channels": 3, "scale": 0.00392156862745098,
                   "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225], "resize": 73, "crop": 64,
                   "convert": "rgb"},
                 "license": {"name": "CC0-1.0"}}
                """);
        String script = DebianTorch.exportScript().toString();
        // A few epochs of torchvision training on the images, so that the network's accuracy, and the
        // ablation drops, mean something; --weights then exports the trained state_dict.
        Path weights = dir.resolve("resnet18-small.pth");
        String trained = DebianTorch.check(List.of(Path.of(ExportedNetworkLoopTest.class
                .getResource("/torchvision/train_small.py").toURI()).toString(), export.resolve("images").toString(),
                String.valueOf(CLASSES), "64", "3", weights.toString()), 900);
        System.out.print(trained);
        DebianTorch.check(List.of(script, "torchvision", "resnet18", "--weights", weights.toString(), "--layers",
                "layer1,layer3",
                "--input-size", "64", "--classes", "5", "--stimulus-set", "stimuli.json", "--observer", "observer.json:avgpool",
                "--out", export.toString()), 600);
        DebianTorch.check(List.of(script, "torchvision", "resnet18", "--random-seed", "9", "--layers", "avgpool",
                "--input-size", "64", "--no-tails", "--name", "observer", "--out", export.toString()), 600);
        // The template at a reduced size: 3 methods, K = 4, 5 tasks, ablation on 100 images.
        ObjectNode t = (ObjectNode) Json.MAPPER.readTree(export.resolve("resnet18.benchmark.json").toFile());
        assertEquals("resnet18.json", t.get("model").asText());
        assertEquals("observer.json:avgpool", t.get("observer").asText());
        assertTrue(t.get("scorers").has("ablation"), "both layers have tails: " + t);
        ArrayNode methods = t.putArray("methods");
        methods.add("pca").add("random").add("ica");
        t.put("k", 4);
        t.put("tasks", 5);
        ((ObjectNode) t.get("scorerOptions")).put("ablation-images", "100");
        template = export.resolve("small.benchmark.json");
        Json.MAPPER.writeValue(template.toFile(), t);
    }

    /** Images of five kinds (colour and stripe orientation), seeded noise, sizes around 64-96 pixels. */
    private static void writeImages(Path root) throws Exception {
        Random r = new Random(7);
        for (int c = 0; c < CLASSES; c++) {
            Path folder = Files.createDirectories(root.resolve("kind" + c));
            for (int i = 0; i < PER_CLASS; i++) {
                int w = 64 + r.nextInt(33);
                int h = 64 + r.nextInt(33);
                BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                double angle = Math.PI * c / CLASSES + 0.2 * r.nextGaussian();
                double freq = 0.15 + 0.1 * r.nextDouble();
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double s = Math.sin(freq * (x * Math.cos(angle) + y * Math.sin(angle)));
                        int red = clamp(128 + 100 * s * (c % 2 == 0 ? 1 : 0.3) + 20 * r.nextGaussian());
                        int green = clamp(128 + 100 * s * (c % 3 == 0 ? 1 : 0.2) + 20 * r.nextGaussian());
                        int blue = clamp(128 - 100 * s * (c >= 3 ? 1 : 0.4) + 20 * r.nextGaussian());
                        img.setRGB(x, y, (red << 16) | (green << 8) | blue);
                    }
                }
                ImageIO.write(img, "png", folder.resolve(String.format("img%03d.png", i)).toFile());
            }
        }
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    @Test
    @Order(1)
    void aBoardFromTheTemplateWithAblationThroughTheTailsAndAnRgbObserver() throws Exception {
        Path board = dir.resolve("board");
        CliRunner.Result r = CliRunner.run("run", "--benchmark", template.toString(), "--work",
                dir.resolve("work").toString(), "--out", board.toString(), "--submissions",
                dir.resolve("submissions").toString(), "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode lb = Json.MAPPER.readTree(board.resolve("leaderboard.json").toFile());
        int rows = 0;
        for (JsonNode e : lb.path("rows")) {
            rows++;
            assertEquals("resnet18.json", e.path("model").asText(), e.toString());
            assertTrue(List.of("layer1", "layer3").contains(e.path("layer").asText()), e.toString());
            assertTrue(e.path("ablationAuc").isNumber(), "ablation AUC measured: " + e);
            assertEquals("machine 2-AFC accuracy (uncalibrated)", e.path("headline").path("measure").asText());
            double acc = e.path("headline").path("accuracy").asDouble(Double.NaN);
            assertTrue(acc >= 0 && acc <= 1, "headline accuracy " + e);
        }
        assertEquals(6, rows, "3 methods x 2 layers: " + lb);
        // The observer is the second exported network (RGB, its own preprocessing).
        assertEquals("observer.json:avgpool", lb.path("benchmarks").get(0).path("observer").asText());
        // The activations were preprocessed as the model states: 64 x 64 RGB, 500 images.
        JsonNode sidecar = Json.MAPPER.readTree(dir.resolve("work/activations/layer3.json").toFile());
        assertEquals(3, sidecar.path("preprocessing").path("channels").asInt());
        assertEquals(73, sidecar.path("preprocessing").path("resize").asInt());
        assertEquals(List.of(500L, 256L), List.of(Npy.shapeOf(dir.resolve("work/activations/layer3.npy"))[0],
                Npy.shapeOf(dir.resolve("work/activations/layer3.npy"))[1]));
    }

    @Test
    @Order(2)
    void aSubmissionBecomesARowOfTheBoard() throws Exception {
        long c = Npy.shapeOf(dir.resolve("work/activations/layer3.npy"))[1];
        float[] d = new float[4 * (int) c];
        Random r = new Random(5);
        for (int k = 0; k < 4; k++) {
            double n = 0;
            for (int j = 0; j < c; j++) {
                d[k * (int) c + j] = (float) r.nextGaussian();
                n += d[k * (int) c + j] * d[k * (int) c + j];
            }
            for (int j = 0; j < c; j++) {
                d[k * (int) c + j] /= (float) Math.sqrt(n);
            }
        }
        Path file = dir.resolve("acme.npy");
        Npy.write(file, NpyArray.ofFloats(d, 4, (int) c));
        CliRunner.Result s = CliRunner.run("submit", "--model", "resnet18.json", "--layer", "layer3", "--method-name",
                "acme", "--directions", file.toString(), "--description", "random test directions", "--submitter",
                "tester", "--benchmark", template.toString(), "--work", dir.resolve("work").toString(),
                "--submissions", dir.resolve("submissions").toString(), "--out", dir.resolve("board").toString());
        assertEquals(0, s.exitCode(), s.err());
        assertTrue(Files.readString(dir.resolve("board/leaderboard.csv")).contains("acme"));
    }

    @Test
    @Order(3)
    void bothExemplarProtocolsAndActivationsFromOutsideIpbAreScored() throws Exception {
        Path acts = dir.resolve("work/activations/layer3.npy");
        Path dirs = dir.resolve("work/entries/layer3/pca/directions.npy");
        for (String protocol : List.of("imi2023", "quantile")) {
            Path out = dir.resolve("exemplars-" + protocol);
            CliRunner.Result e = CliRunner.run("exemplars", "--activations", acts.toString(), "--directions",
                    dirs.toString(), "--protocol", protocol, "--tasks", "4", "--sheets", "1", "--out", out.toString());
            assertEquals(0, e.exitCode(), e.err());
            assertTrue(Files.isRegularFile(out.resolve("candidates.json")));
        }
        // Activations computed outside ipb: a bare .npy, no sidecar or stimuli.csv beside it.
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.copy(acts, outside.resolve("acts.npy"));
        Files.copy(dirs, outside.resolve("d.npy"));
        Path cands = dir.resolve("outside-candidates");
        CliRunner.Result e = CliRunner.run("exemplars", "--activations", outside.resolve("acts.npy").toString(),
                "--directions", outside.resolve("d.npy").toString(), "--dataset", export.resolve("stimuli.json").toString(),
                "--model", "resnet18", "--layer", "layer3", "--method", "pca", "--tasks", "4", "--sheets", "0",
                "--out", cands.toString());
        assertEquals(0, e.exitCode(), e.err());
        Path scores = dir.resolve("outside-scores.csv");
        CliRunner.Result s = CliRunner.run("score", "--candidates", cands.toString(), "--scorers",
                "mis,coherence,selectivity", "--observer", export.resolve("observer.json") + ":avgpool", "--out",
                scores.toString());
        assertEquals(0, s.exitCode(), s.err());
        List<String> lines = Files.readAllLines(scores);
        assertEquals("direction,index,scorer,version,score,standard_error,parameters", lines.get(0));
        // Per direction (K = 4): mis and mis.delta, coherence, and the four selectivity measures,
        // whose labels came from the stimulus set (no stimuli.csv beside the activations).
        List<String> scorers = lines.stream().skip(1).map(l -> l.split(",", 7)[2]).toList();
        assertEquals(4 * 2, scorers.stream().filter(n -> n.startsWith("mis")).count(), lines.toString());
        assertEquals(4, scorers.stream().filter(n -> n.equals("coherence")).count(), lines.toString());
        assertEquals(4 * 4, scorers.stream().filter(n -> n.startsWith("selectivity")).count(), lines.toString());
    }

    @Test
    @Order(4)
    void featureVisualizationAndTheSyntheticConditionOnTheTorchScriptModel() throws Exception {
        Path vis = dir.resolve("vis");
        CliRunner.Result v = CliRunner.run("visualize", "--model", export.resolve("resnet18.json").toString(),
                "--dataset", export.resolve("stimuli.json").toString(), "--layer", "layer3", "--directions",
                dir.resolve("work/entries/layer3/pca/directions.npy").toString(), "--index", "0", "--steps", "24",
                "--out", vis.toString());
        assertEquals(0, v.exitCode(), v.err());
        BufferedImage img = ImageIO.read(vis.resolve("0-max.png").toFile());
        assertEquals(64, img.getWidth());
        assertTrue(isColour(img), "colour-decorrelated RGB image");
        JsonNode doc = Json.MAPPER.readTree(vis.resolve("visualizations.json").toFile());
        assertTrue(doc.path("method").path("gradient").asText().contains("PyTorch autograd"), doc.toString());
        assertTrue(doc.path("method").path("parameterization").asText().contains("colour-decorrelated"));

        Path synthetic = dir.resolve("synthetic");
        CliRunner.Result s = CliRunner.run("synthesize", "--candidates",
                dir.resolve("work/entries/layer3/pca/candidates").toString(), "--directions", "1", "--steps", "8",
                "--out", synthetic.toString());
        assertEquals(0, s.exitCode(), s.err());
        try (Stream<Path> files = Files.walk(synthetic)) {
            assertTrue(files.anyMatch(p -> p.toString().endsWith(".png")), "synthetic references written");
        }
    }

    @Test
    @Order(5)
    void aStudyIsCreatedFromTheCandidates() throws Exception {
        Path db = dir.resolve("study.db");
        CliRunner.Result c = CliRunner.run("study", "create", "--candidates",
                dir.resolve("work/entries/layer3/pca/candidates").toString(), "--name", "byo", "--db", db.toString(),
                "--participants", "2", "--trials-per-direction", "2", "--practice", "1", "--seed", "1");
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(Files.isRegularFile(dir.resolve("study.db.mv.db")));
        assertFalse(c.out().isBlank());
    }

    @Test
    @Order(6)
    void badInputIsOneLineNamingTheFileExitTwoAndNothingWritten() throws Exception {
        // A manifest layer the TorchScript module does not return.
        ObjectNode m = (ObjectNode) Json.MAPPER.readTree(export.resolve("resnet18.json").toFile());
        ((ObjectNode) m.get("layers").get(1)).put("node", "7");
        Path badModel = export.resolve("bad-node.json");
        Json.MAPPER.writeValue(badModel.toFile(), m);
        String e = fails("extract", "--model", badModel.toString(), "--dataset", export.resolve("stimuli.json").toString(),
                "--no-progress", "--out", dir.resolve("bad1").toString());
        assertTrue(e.startsWith("ipb: error: " + badModel), e);
        assertTrue(e.contains("layer layer3 is output 7 but the model returns only 3 outputs"), e);
        assertFalse(Files.exists(dir.resolve("bad1")));

        // A crop larger than the resize.
        ObjectNode set = (ObjectNode) Json.MAPPER.readTree(export.resolve("stimuli.json").toFile());
        ((ObjectNode) set.get("preprocessing")).put("resize", 60);
        Path badCrop = export.resolve("bad-crop.json");
        Json.MAPPER.writeValue(badCrop.toFile(), set);
        e = fails("extract", "--model", "fmnist-cnn", "--dataset", badCrop.toString(), "--no-progress", "--out",
                dir.resolve("bad2").toString());
        assertTrue(e.startsWith("ipb: error: " + badCrop), e);
        assertTrue(e.contains("crop 64 larger than resize 60"), e);

        // An image that is not RGB in a set that does not convert.
        Path images = Files.createDirectories(dir.resolve("grey-set/images/kind0"));
        Files.copy(export.resolve("images/kind0/img000.png"), images.resolve("a.png"));
        BufferedImage grey = new BufferedImage(70, 70, BufferedImage.TYPE_BYTE_GRAY);
        ImageIO.write(grey, "png", images.resolve("b.png").toFile());
        ObjectNode strict = set.deepCopy();
        ((ObjectNode) strict.get("preprocessing")).put("resize", 73).remove("convert");
        Path strictFile = dir.resolve("grey-set/stimuli.json");
        Json.MAPPER.writeValue(strictFile.toFile(), strict);
        ObjectNode noConvert = m.deepCopy();
        ((ObjectNode) noConvert.get("layers").get(1)).put("node", "1");
        ((ObjectNode) noConvert.get("preprocessing")).remove("convert");
        Path strictModel = export.resolve("strict.json");
        Json.MAPPER.writeValue(strictModel.toFile(), noConvert);
        e = fails("extract", "--model", strictModel.toString(), "--dataset", strictFile.toString(), "--no-progress",
                "--out", dir.resolve("bad3").toString());
        assertTrue(e.contains(images.resolve("b.png").toString()), e);
        assertFalse(Files.exists(dir.resolve("bad3")));
    }

    private static String fails(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(2, r.exitCode(), r.err());
        String[] lines = r.err().strip().split("\n");
        return lines[lines.length - 1];
    }

    private static boolean isColour(BufferedImage img) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                int r = (p >> 16) & 0xFF;
                int g = (p >> 8) & 0xFF;
                int b = p & 0xFF;
                if (r != g || g != b) {
                    return true;
                }
            }
        }
        return false;
    }
}
