package org.ipb.harness.candidates;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.ipb.harness.directions.ActivationMatrix;
import org.ipb.harness.directions.DirectionFiles;
import org.ipb.harness.directions.DirectionFinder;
import org.ipb.harness.directions.DirectionFinders;
import org.ipb.harness.directions.DirectionFinding;
import org.ipb.harness.directions.DirectionRequest;
import org.ipb.harness.directions.DirectionSet;
import org.ipb.harness.directions.Numerics;
import org.ipb.harness.exemplars.ExemplarPipeline;
import org.ipb.harness.exemplars.ExemplarRequest;
import org.ipb.harness.exemplars.ExemplarResult;

/**
 * Directions and exemplars of one method on one layer: the method's K rule ({@link
 * DirectionFinder#pipelineK}), {@link DirectionFinding}, the directions file with its report, and
 * the {@link ExemplarPipeline}.
 */
public final class CandidatePipeline {
    /** What one method produced. */
    public record MethodCandidates(String method, DirectionSet directions, Path directionsFile,
            ExemplarResult exemplars) {}

    private CandidatePipeline() {}

    /**
     * @param acts the layer's activation file, {@code x} its contents
     * @param requestedK K asked for (0 = the method's pipeline default, C)
     * @param directionsFile where the directions go (with a report beside them)
     * @param exemplars the exemplar request for a given directions file
     */
    public static MethodCandidates run(String method, Path acts, ActivationMatrix x, int requestedK, long seed,
            Map<String, String> options, Numerics numerics, Path directionsFile,
            Function<Path, ExemplarRequest> exemplars) {
        DirectionFinder finder = DirectionFinders.get(method);
        int k = finder.pipelineK(requestedK, x.cols());
        DirectionSet set = DirectionFinding.run(finder, x, new DirectionRequest(k, seed, options), numerics);
        DirectionFiles.write(set, acts, directionsFile, DirectionFiles.defaultReport(directionsFile));
        ExemplarResult ex = new ExemplarPipeline().run(exemplars.apply(directionsFile));
        return new MethodCandidates(method, set, directionsFile, ex);
    }
}
