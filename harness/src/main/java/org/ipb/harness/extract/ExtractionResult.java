package org.ipb.harness.extract;

import java.util.List;

/** Summary of a finished extraction; the same figures are in the JSON sidecars. */
public record ExtractionResult(String engine, String device, int images, List<LayerOutput> layers,
        double loadSeconds, double forwardSeconds, double totalSeconds) {

    public double imagesPerSecond() {
        return images / Math.max(1e-9, forwardSeconds);
    }
}
