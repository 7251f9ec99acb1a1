package org.ipb.scorers.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ipb.manifest.ManifestCatalog;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSets;
import org.junit.jupiter.api.Test;

/** Keeps {@link ScorerBenchmark} working at a tiny size. */
class ScorerBenchmarkTest {
    @Test
    void tinyRun() {
        try (StimulusSet set = StimulusSets.open(ManifestCatalog.stimulusSet("fashion-mnist-test"))) {
            ScorerBenchmark.Figures f = ScorerBenchmark.run(set, "observer", 200, 10, 2, 1, 64);
            assertEquals(200, f.images());
            assertEquals(10, f.directions());
            assertTrue(f.imagesPerSecond() > 0);
            assertTrue(f.misSeconds() >= 0 && f.coherenceSeconds() >= 0);
            assertTrue(f.meanMis() > 0.3 && f.meanMis() < 0.7, "MIS " + f.meanMis());
            assertTrue(Double.isFinite(f.meanCoherence()));
        }
    }
}
