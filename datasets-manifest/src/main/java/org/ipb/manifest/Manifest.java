package org.ipb.manifest;

import java.util.Map;

/** What every manifest kind has: an identity and digests of the files it points at. */
public interface Manifest {
    String name();

    String version();

    /** Free text; empty when the manifest has none. */
    String description();

    /** Path as written in the manifest (relative or absolute) to 64 lower-case hex digits. */
    Map<String, String> sha256();
}
