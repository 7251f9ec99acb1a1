package org.ipb.harness.exemplars;

import java.nio.file.Path;

/**
 * What {@link ExemplarPipeline#run} wrote.
 *
 * @param folder the committed output folder
 * @param candidates {@code <folder>/candidates.json}
 * @param sheets contact sheets written under {@code <folder>/sheets}
 */
public record ExemplarResult(Path folder, Path candidates, String model, String layer, String method,
        String stimulusSet, int n, int c, int k, int kept, int tasksPerDirection, int sheets, double selectSeconds,
        double sampleSeconds, double sheetSeconds, double totalSeconds) {}
