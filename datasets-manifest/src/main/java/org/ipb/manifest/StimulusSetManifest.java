package org.ipb.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stimulus-set manifest ({@code "kind": "stimulus-set"}); see {@code stimulus-set.schema.json}.
 *
 * @param classes class names indexed by label; empty when the manifest lists none
 * @param sha256 digests of data files; empty when the manifest lists none
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record StimulusSetManifest(
        String kind,
        String name,
        String version,
        String description,
        StimulusSource source,
        List<String> classes,
        Preprocessing preprocessing,
        License license,
        Map<String, String> sha256)
        implements Manifest {

    public static final String KIND = "stimulus-set";

    public StimulusSetManifest {
        description = description == null ? "" : description;
        classes = classes == null ? List.of() : List.copyOf(classes);
        sha256 = sha256 == null ? Map.of() : Map.copyOf(sha256);
    }

    /**
     * How decoded images become network input: convert to {@code channels}, resize to
     * {@code height x width}, multiply by {@code scale}, then {@code (x - mean[c]) / std[c]}.
     */
    public record Preprocessing(int height, int width, int channels, double scale, double[] mean, double[] std) {
        public Preprocessing {
            mean = mean.clone();
            std = std.clone();
        }

        @Override
        public double[] mean() {
            return mean.clone();
        }

        @Override
        public double[] std() {
            return std.clone();
        }

        /** Floats per preprocessed image: C * H * W. */
        public int floatsPerImage() {
            return channels * height * width;
        }

        // Arrays compare by content, as a record's value semantics promise.
        @Override
        public boolean equals(Object o) {
            return o instanceof Preprocessing p
                    && height == p.height
                    && width == p.width
                    && channels == p.channels
                    && Double.compare(scale, p.scale) == 0
                    && Arrays.equals(mean, p.mean)
                    && Arrays.equals(std, p.std);
        }

        @Override
        public int hashCode() {
            return Objects.hash(height, width, channels, scale, Arrays.hashCode(mean), Arrays.hashCode(std));
        }

        @Override
        public String toString() {
            return "Preprocessing[height=" + height + ", width=" + width + ", channels=" + channels
                    + ", scale=" + scale + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
        }
    }

    /** @param file license text, path relative to the manifest (may be null); url may be null */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record License(String name, String file, String url) {}
}
