package org.ipb.manifest;

import java.nio.file.Path;

/** Opens stimulus sets. Does not verify digests; call {@link ManifestFile#verifySha256()} for that. */
public final class StimulusSets {
    private StimulusSets() {}

    public static StimulusSet open(Path manifestFile) {
        return open(Manifests.readStimulusSet(manifestFile));
    }

    public static StimulusSet open(ManifestFile<StimulusSetManifest> m) {
        StimulusSource source = m.manifest().source();
        if (source instanceof StimulusSource.IdxSource idx) {
            return new IdxStimulusSet(m, idx);
        } else if (source instanceof StimulusSource.ImageFolderSource folder) {
            return ImageFolderListing.open(m, folder);
        } else if (source instanceof StimulusSource.CsvSource csv) {
            return CsvListing.open(m, csv);
        }
        throw new IllegalStateException("unhandled source type " + source); // unreachable: the interface is sealed
    }
}
