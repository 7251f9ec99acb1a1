package org.ipb.core.candidates;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A candidate set: the directions of one layer found by one method, each with exemplars and
 * 2-AFC tasks. Stored as one JSON file (see {@link CandidateSets}).
 *
 * @param kind always {@value #KIND}
 * @param formatVersion always {@value #FORMAT_VERSION}
 * @param model model name (as in its manifest)
 * @param layer layer name within the model
 * @param method direction-finding method (e.g. "pca", "basis")
 * @param stimulusSet name of the stimulus set whose images the rows are
 * @param n stimuli (rows of the activation matrix)
 * @param c channels (columns of the activation matrix)
 * @param k directions in the directions file
 * @param protocol how tasks were drawn
 * @param directions one entry per direction
 * @param provenance ipb version, time, input digests, seed
 */
@JsonPropertyOrder({"kind", "formatVersion", "model", "layer", "method", "stimulusSet", "n", "c", "k", "protocol",
    "directions", "provenance"})
public record CandidateSet(
        String kind,
        int formatVersion,
        String model,
        String layer,
        String method,
        String stimulusSet,
        int n,
        int c,
        int k,
        Protocol protocol,
        List<CandidateDirection> directions,
        Map<String, Object> provenance) {

    public static final String KIND = "candidate-set";
    /** 2: protocols have a name (imi2023, quantile); format 1 files read as quantile ones. */
    public static final int FORMAT_VERSION = 2;

    public CandidateSet {
        directions = List.copyOf(directions);
        // Keeps insertion order and allows null values inside provenance.
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    /**
     * The stimulus-set manifest the provenance names ({@code stimulusSet.manifest}), or null when
     * the activations were computed outside ipb's extraction.
     */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public java.nio.file.Path stimulusManifest() {
        Object stimuli = provenance.get("stimulusSet");
        Object m = stimuli instanceof Map<?, ?> sm ? sm.get("manifest") : null;
        return m == null ? null : java.nio.file.Path.of(m.toString());
    }

    /** {@code "model:layer:method:index"}, the id of direction {@code index}. */
    public static String directionId(String model, String layer, String method, int index) {
        return model + ":" + layer + ":" + method + ":" + index;
    }
}
