package org.ipb.harness.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains the default architecture briefly on part of the shipped test split. */
class ClassifierTrainerTest {
    static Path testSet() {
        return Path.of(System.getProperty("ipb.home", "..")).resolve(
                "datasets-manifest/embedded/stimulus-sets/fashion-mnist-test.json");
    }

    @Test
    void learnsFarAboveChanceAndIsReproducible(@TempDir Path tmp) throws Exception {
        TrainingConfig cfg = new TrainingConfig("fmnist-cnn", "tiny", "MXNet", 2, 64, 0.002f, 5, 1500);
        try (StimulusSet set = StimulusSets.open(testSet())) {
            TrainingOutcome a = new ClassifierTrainer(cfg, s -> { }).train(set, set, tmp.resolve("a"));
            TrainingOutcome b = new ClassifierTrainer(cfg, s -> { }).train(set, set, tmp.resolve("b"));
            assertEquals(2, a.history().size());
            assertTrue(a.history().get(1).trainLoss() < a.history().get(0).trainLoss(), "loss falls");
            // 10 classes: chance is 10 %; 1,500 images x 2 epochs reach well above 60 % on the full split.
            assertTrue(a.testAccuracy() > 0.6, "accuracy " + a.testAccuracy());
            assertEquals(tmp.resolve("a/tiny-0002.params"), a.params());
            assertEquals(a.testAccuracy(), b.testAccuracy(), "same seed, same result");
            assertArrayEquals(Files.readAllBytes(a.params()), Files.readAllBytes(b.params()), "same weights");
        }
    }
}
