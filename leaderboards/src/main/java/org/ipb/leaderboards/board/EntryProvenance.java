package org.ipb.leaderboards.board;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where a board row came from: the code, the benchmark version and its seeds, and the digests of
 * every input (model manifest, stimulus-set files, the directions), with the scorer versions.
 * Fields in alphabetical order, as the board has always written them.
 *
 * @param codeVersion {@code git describe} of the ipb that scored the entry
 * @param benchmark {@code id@version} of the benchmark definition
 * @param stimulusSetSha256 file name -> SHA-256 of the stimulus set's files
 * @param scorers scorer name -> version
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(alphabetic = true)
public record EntryProvenance(String benchmark, long bootstrapSeed, String codeVersion, long directionSeed,
        String directionsSha256, String modelManifestSha256, SortedMap<String, String> scorers,
        SortedMap<String, String> stimulusSetSha256, long taskSeed) {
    public EntryProvenance {
        scorers = scorers == null ? null : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(scorers));
        stimulusSetSha256 = stimulusSetSha256 == null ? null
                : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(stimulusSetSha256));
    }

    /** A provenance naming only the benchmark and code (tests, rows made outside a run). */
    public static EntryProvenance of(String benchmark, String codeVersion) {
        return new EntryProvenance(benchmark, 0, codeVersion, 0, null, null, null, null, 0);
    }

    /** The scorer versions, as a plain map. */
    public Map<String, String> scorerVersions() {
        return scorers == null ? Map.of() : scorers;
    }
}
