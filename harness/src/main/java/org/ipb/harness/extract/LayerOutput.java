package org.ipb.harness.extract;

import java.nio.file.Path;
import java.util.List;

/**
 * One layer's files after extraction.
 *
 * @param shape shape of the (N, C) matrix in {@code activations}
 * @param mapShape shape of one image's raw output, e.g. (C, H, W)
 * @param maps the (N, C, H, W) file, or null when not asked for
 */
public record LayerOutput(String layer, Path activations, List<Long> shape, List<Long> mapShape, Path maps,
        Path sidecar, String sha256) {}
