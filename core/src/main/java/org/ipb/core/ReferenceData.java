package org.ipb.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The real human data beside the checkout ({@code ../shared/reference-data/<dataset>}), which
 * tests of importers and analyses use when it is there. Its files are not redistributed, so a
 * test without them skips; but under CI, a dataset named in {@code IPB_REFERENCE_DATA_REQUIRED}
 * (set by {@code .ci/run} to the datasets it finds) must be found: a test that skipped there would
 * hide a broken path, so it fails instead.
 */
public final class ReferenceData {
    /** Space-separated dataset names that must be present. */
    public static final String REQUIRED_ENV = "IPB_REFERENCE_DATA_REQUIRED";

    private ReferenceData() {}

    /**
     * Whether every path exists; throws when one is missing and {@code dataset} is required (the
     * caller would otherwise skip).
     */
    public static boolean present(String dataset, Path... paths) {
        boolean all = Arrays.stream(paths).allMatch(Files::exists);
        if (!all && required().contains(dataset)) {
            throw new IllegalStateException(REQUIRED_ENV + " names " + dataset + " but "
                    + Arrays.stream(paths).filter(p -> !Files.exists(p)).map(Path::toString)
                            .collect(Collectors.joining(", "))
                    + " is missing: the test that needs it would have skipped");
        }
        return all;
    }

    static Set<String> required() {
        String v = System.getenv(REQUIRED_ENV);
        return v == null || v.isBlank() ? Set.of() : Set.of(v.trim().split("\\s+"));
    }
}
