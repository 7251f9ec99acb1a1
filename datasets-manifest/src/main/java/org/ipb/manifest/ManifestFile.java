package org.ipb.manifest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.ipb.core.Sha256;
import org.ipb.core.UserError;

/**
 * A manifest together with the file it was read from, because paths inside a manifest are
 * relative to that file's folder.
 */
public record ManifestFile<T extends Manifest>(Path file, T manifest) {

    /** A path from the manifest, resolved against the manifest's folder; absolute paths stay as they are. */
    public Path resolve(String relative) {
        Path folder = file.getParent();
        return folder == null ? Path.of(relative) : folder.resolve(relative);
    }

    /**
     * Checks every entry of the manifest's {@code sha256} map, in path order so that the first
     * error is the same on every run.
     */
    public void verifySha256() {
        for (Map.Entry<String, String> e : new TreeMap<>(manifest.sha256()).entrySet()) {
            Path data = resolve(e.getKey());
            if (!Files.isRegularFile(data)) {
                throw new UserError(data, "file not found (listed in " + file + ")");
            }
            String actual = Sha256.of(data);
            if (!actual.equals(e.getValue())) {
                throw new UserError(data, "sha256 mismatch: manifest " + file + " says " + e.getValue()
                        + ", file has " + actual);
            }
        }
    }
}
