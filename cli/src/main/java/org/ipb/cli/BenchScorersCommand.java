package org.ipb.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ipb.core.Json;
import org.ipb.core.Provenance;
import org.ipb.manifest.ManifestCatalog;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSets;
import org.ipb.scorers.bench.ScorerBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ipb bench scorers}: the observer's first embedding pass (images/s) and the time of MIS and
 * coherence over many directions with cached embeddings.
 */
@Command(name = "scorers", mixinStandardHelpOptions = true,
        description = "Benchmark scoring: the observer's first embedding pass over a stimulus set (images/s) and the"
                + " time for MIS and coherence over D directions x T tasks with cached embeddings.")
final class BenchScorersCommand implements Runnable {
    @Option(names = "--dataset", defaultValue = "fashion-mnist-test", description = "Stimulus set (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--observer", defaultValue = "observer", description = "Observer (default: ${DEFAULT-VALUE}).")
    String observer;

    @Option(names = "--images", defaultValue = "10000", description = "Images embedded (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--directions", defaultValue = "1000", description = "Directions (default: ${DEFAULT-VALUE}).")
    int directions;

    @Option(names = "--tasks", defaultValue = "20", description = "Tasks per direction (default: ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic tasks (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Also write the figures to this JSON file.")
    Path json;

    @Override
    public void run() {
        try (StimulusSet set = StimulusSets.open(ManifestCatalog.stimulusSet(dataset))) {
            ScorerBenchmark.Figures f = ScorerBenchmark.run(set, observer, Math.min(images, set.size()), directions,
                    tasks, seed, 256);
            System.out.printf("observer %s on %s: first embedding pass %d images in %.2f s = %.0f images/s%n",
                    f.observer(), f.device(), f.images(), f.embedSeconds(), f.imagesPerSecond());
            System.out.printf("MIS over %d directions x %d tasks: %.3f s; coherence: %.3f s (cached embeddings)%n",
                    f.directions(), f.tasksPerDirection(), f.misSeconds(), f.coherenceSeconds());
            if (json != null) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("kind", "bench-scorers");
                doc.put("figures", f);
                doc.put("run", Provenance.run());
                Json.write(json, doc);
            }
        }
    }
}
