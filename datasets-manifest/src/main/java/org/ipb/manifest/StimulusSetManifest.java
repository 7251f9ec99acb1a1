package org.ipb.manifest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
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
     * How decoded images become network input; see {@link ImagePreprocessor} for the two pipelines.
     * Without {@code resize} and {@code crop}: convert to {@code channels}, resize to {@code height x
     * width}, multiply by {@code scale}, then {@code (x - mean[c]) / std[c]}. With either, the
     * torchvision pipeline {@code Resize(resize)}, {@code CenterCrop(crop)} on 8-bit PIL images.
     *
     * @param resize the short side is resized to this (torchvision {@code Resize(int)}); null when absent
     * @param crop centre crop, equal to {@code height x width} (torchvision {@code CenterCrop}); null when absent
     * @param convert how images of another mode become {@code channels}; null: they are an error
     */
    public record Preprocessing(
            int height,
            int width,
            int channels,
            double scale,
            double[] mean,
            double[] std,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer resize,
            @JsonInclude(JsonInclude.Include.NON_NULL) Crop crop,
            @JsonInclude(JsonInclude.Include.NON_NULL) Convert convert) {
        @JsonCreator
        public Preprocessing {
            mean = mean.clone();
            std = std.clone();
        }

        /** The resize-to-size pipeline without the torchvision fields, as the shipped sets use. */
        public Preprocessing(int height, int width, int channels, double scale, double[] mean, double[] std) {
            this(height, width, channels, scale, mean, std, null, null, null);
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

        /** Whether the torchvision-style 8-bit pipeline applies (either of resize and crop is given). */
        public boolean torchvisionStyle() {
            return resize != null || crop != null;
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
                    && Arrays.equals(std, p.std)
                    && Objects.equals(resize, p.resize)
                    && Objects.equals(crop, p.crop)
                    && convert == p.convert;
        }

        @Override
        public int hashCode() {
            return Objects.hash(height, width, channels, scale, Arrays.hashCode(mean), Arrays.hashCode(std),
                    resize, crop, convert);
        }

        @Override
        public String toString() {
            return "Preprocessing[height=" + height + ", width=" + width + ", channels=" + channels
                    + ", scale=" + scale + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std)
                    + (resize == null ? "" : ", resize=" + resize)
                    + (crop == null ? "" : ", crop=" + crop)
                    + (convert == null ? "" : ", convert=" + convert) + "]";
        }
    }

    /**
     * A centre crop, written as one integer (square, like {@code CenterCrop(224)}) or {@code [h, w]}.
     */
    public record Crop(int height, int width) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Crop of(JsonNode node) {
            // The schema has already checked the shape: a positive integer or two of them.
            return node.isInt()
                    ? new Crop(node.intValue(), node.intValue())
                    : new Crop(node.get(0).intValue(), node.get(1).intValue());
        }

        @JsonValue
        Object json() {
            return height == width ? (Object) height : List.of(height, width);
        }

        @Override
        public String toString() {
            return height == width ? Integer.toString(height) : height + "x" + width;
        }
    }

    /** PIL's {@code Image.convert(mode)} for images whose mode is not the set's. */
    public enum Convert {
        /** {@code convert("RGB")}: gray replicated, alpha dropped; for {@code channels} 3. */
        @JsonProperty("rgb") RGB,
        /** {@code convert("L")}: ITU-R 601-2 luma in Pillow's 16-bit fixed point, alpha dropped; for {@code channels} 1. */
        @JsonProperty("l") L;

        /** The channel count this conversion produces. */
        public int channels() {
            return this == RGB ? 3 : 1;
        }
    }

    /** @param file license text, path relative to the manifest (may be null); url may be null */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record License(String name, String file, String url) {}
}
