package org.ipb.harness.visualize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ipb.core.Json;
import org.ipb.core.UserError;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyArray;
import org.ipb.harness.directions.ActivationMatrix;
import org.ipb.harness.model.LoadedModel;
import org.ipb.harness.model.ModelLoader;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.Manifests;
import org.ipb.manifest.ModelManifest;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSetManifest;
import org.ipb.manifest.StimulusSets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline on the embedded fmnist-cnn, conv4. */
class FeatureVisualizerTest {
    private static final String LAYER = "conv4";
    private static final int C = 128;
    private static final int[] UNITS = {3, 40, 77};

    @TempDir
    static Path shared;

    private static ManifestFile<ModelManifest> model;
    private static ManifestFile<StimulusSetManifest> stimuli;
    private static Path activations;
    private static Path directions;

    @BeforeAll
    static void setUp() {
        Path home = Path.of(System.getProperty("ipb.home"));
        model = Manifests.readModel(home.resolve("datasets-manifest/embedded/models/fmnist-cnn.json"));
        stimuli = Manifests.readStimulusSet(home.resolve("datasets-manifest/embedded/stimulus-sets/fashion-mnist-test.json"));
        // The natural activations once, as ipb extract would write them.
        try (LoadedModel m = ModelLoader.load(model, null, "cpu"); StimulusSet s = StimulusSets.open(stimuli)) {
            ActivationMatrix x = FeatureVisualizer.naturalActivations(m, s, LAYER);
            activations = shared.resolve("conv4.npy");
            Npy.write(activations, NpyArray.ofFloats(x.data(), x.rows(), x.cols()));
        }
        float[] d = new float[UNITS.length * C];
        for (int i = 0; i < UNITS.length; i++) {
            d[i * C + UNITS[i]] = 1f;
        }
        directions = shared.resolve("basis3.npy");
        Npy.write(directions, NpyArray.ofFloats(d, UNITS.length, C));
    }

    private static VisualizationRequest request(Path dirs, List<Integer> indices, int steps, String engine, Path acts,
            String layer, Path out) {
        return new VisualizationRequest(model, stimuli, layer, dirs, indices,
                VisualizationSettings.lucid().withSteps(steps), true, 0, engine, "cpu", acts, 4, out);
    }

    @Test
    void optimisedImagesBeatTheBestNaturalExemplarAtReducedSteps() throws Exception {
        Path out = shared.resolve("vis");
        long t0 = System.nanoTime();
        VisualizationResult r = new FeatureVisualizer(System.out::println)
                .run(request(directions, List.of(), 128, null, activations, LAYER, out));
        System.out.printf("conv4, 3 basis directions, 128 steps (max and min): fraction exceeding %.3f, %.2f s per"
                + " direction, %.1f s in all%n", r.fractionExceeding(), r.secondsPerDirection(),
                (System.nanoTime() - t0) / 1e9);
        assertEquals(3, r.directions().size());
        JsonNode doc = Json.MAPPER.readTree(r.json().toFile());
        assertEquals("visualizations", doc.get("kind").asText());
        assertEquals(3, doc.get("directions").size());
        assertTrue(doc.at("/inputs/directions/sha256").asText().matches("[0-9a-f]{64}"));
        assertFalse(doc.at("/run/ipbVersion").asText().isEmpty());
        for (int i = 0; i < 3; i++) {
            assertTrue(Files.isRegularFile(out.resolve(i + "-max.png")));
            assertTrue(Files.isRegularFile(out.resolve(i + "-min.png")));
            assertTrue(Files.isRegularFile(out.resolve(i + "-max-x4.png")));
            JsonNode trace = doc.at("/directions/" + i + "/max/trace");
            double first = trace.get(0).get("objective").asDouble();
            double last = trace.get(trace.size() - 1).get("objective").asDouble();
            assertTrue(last > first, "objective did not increase for direction " + i + ": " + trace);
            VisualizationResult.DirectionOutcome o = r.directions().get(i);
            // Minimising goes below the least natural exemplar: basis units are ReLU outputs, >= 0.
            assertTrue(o.minActivation() <= o.leastNatural() + 1e-6, "min " + o.minActivation());
        }
        assertTrue(r.fractionExceeding() >= 2 / 3.0, "fraction exceeding " + r.fractionExceeding());
    }

    @Test
    void sameSeedSameImage() throws Exception {
        Path a = shared.resolve("seed-a");
        Path b = shared.resolve("seed-b");
        new FeatureVisualizer(s -> { }).run(request(directions, List.of(1), 8, null, activations, LAYER, a));
        new FeatureVisualizer(s -> { }).run(request(directions, List.of(1), 8, null, activations, LAYER, b));
        assertEquals(-1, Files.mismatch(a.resolve("1-max.png"), b.resolve("1-max.png")));
    }

    @Test
    void badInputsAreOneLineUserErrorsAndWriteNothing() throws Exception {
        Path out = shared.resolve("bad");
        FeatureVisualizer v = new FeatureVisualizer(s -> { });
        UserError e = assertThrows(UserError.class,
                () -> v.run(request(directions, List.of(3), 4, null, activations, LAYER, out)));
        assertTrue(e.getMessage().startsWith(directions.toString()) && e.getMessage().contains("out of range"),
                e.getMessage());
        Path narrow = shared.resolve("narrow.npy");
        Npy.write(narrow, NpyArray.ofFloats(new float[2 * 64], 2, 64));
        e = assertThrows(UserError.class, () -> v.run(request(narrow, List.of(), 4, null, activations, LAYER, out)));
        assertTrue(e.getMessage().contains(narrow.toString()) && e.getMessage().contains("columns"), e.getMessage());
        e = assertThrows(UserError.class, () -> v.run(request(narrow, List.of(), 4, null, null, LAYER, out)));
        assertTrue(e.getMessage().contains(narrow.toString()) && e.getMessage().contains("channels"), e.getMessage());
        Path missing = shared.resolve("missing.npy");
        e = assertThrows(UserError.class, () -> v.run(request(missing, List.of(), 4, null, activations, LAYER, out)));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        Path notNpy = shared.resolve("garbage.npy");
        Files.writeString(notNpy, "not an npy file");
        e = assertThrows(UserError.class, () -> v.run(request(notNpy, List.of(), 4, null, activations, LAYER, out)));
        assertTrue(e.getMessage().contains(notNpy.toString()), e.getMessage());
        e = assertThrows(UserError.class, () -> v.run(request(directions, List.of(), 4, null, activations, "conv9", out)));
        assertTrue(e.getMessage().contains("conv9") && e.getMessage().contains("conv4"), e.getMessage());
        e = assertThrows(UserError.class, () -> v.run(request(directions, List.of(), 4, null, narrow, LAYER, out)));
        assertTrue(e.getMessage().startsWith(narrow.toString()), e.getMessage());
        e = assertThrows(UserError.class, () -> v.run(request(directions, List.of(), 4, "NoSuchEngine", activations,
                LAYER, out)));
        assertTrue(e.getMessage().contains("NoSuchEngine"), e.getMessage());
        assertFalse(Files.exists(out));
        try (var s = Files.list(shared)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".bad")), "staging left behind");
        }
    }
}
