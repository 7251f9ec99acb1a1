package org.ipb.harness.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.ipb.manifest.Manifests;
import org.junit.jupiter.api.Test;

/** Forward FLOPs of the shipped subject network, counted by hand from its architecture. */
class FlopCountTest {
    @Test
    void fmnistCnnFlopsAreTheSumOfItsConvolutionsAndClassifier() {
        Path home = Path.of(System.getProperty("ipb.home"));
        long conv1 = 2L * 28 * 28 * 32 * (1 * 3 * 3);
        long conv2 = 2L * 14 * 14 * 64 * (32 * 3 * 3);
        long conv3 = 2L * 7 * 7 * 128 * (64 * 3 * 3);
        long conv4 = 2L * 7 * 7 * 128 * (128 * 3 * 3);
        long logits = 2L * 10 * 128;
        assertEquals(29_355_520L, conv1 + conv2 + conv3 + conv4 + logits);
        try (LoadedModel m = ModelLoader.load(
                Manifests.readModel(home.resolve("datasets-manifest/embedded/models/fmnist-cnn.json")), null, "cpu")) {
            assertEquals(conv1 + conv2 + conv3 + conv4 + logits, m.flopsPerImage());
        }
    }
}
