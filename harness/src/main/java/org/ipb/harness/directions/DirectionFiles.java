package org.ipb.harness.directions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ipb.core.Json;
import org.ipb.core.Provenance;
import org.ipb.core.Sha256;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyArray;

/**
 * Writes a {@link DirectionSet} as {@code D.npy} (K x C float32) plus its report {@code
 * D.report.json} (the fit's figures, the input's sha256 and the run's provenance). The report is
 * written first and removed again if the matrix cannot be written, so the pair is never half there.
 */
public final class DirectionFiles {
    private DirectionFiles() {}

    /** {@code <directions without .npy>.report.json}, where exemplars look for the method name. */
    public static Path defaultReport(Path directions) {
        String name = directions.getFileName().toString();
        String base = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
        return directions.resolveSibling(base + ".report.json");
    }

    public static void write(DirectionSet set, Path activations, Path directions, Path report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", "directions-report");
        doc.put("directions", directions.getFileName().toString());
        doc.put("activations", Map.of("file", activations.toString(), "sha256", Sha256.of(activations)));
        doc.putAll(Json.MAPPER.convertValue(set.report(), Map.class));
        doc.put("run", Provenance.run());
        Json.write(report, doc);
        try {
            Npy.write(directions, NpyArray.ofFloats(set.directions(), set.k(), set.c()));
        } catch (RuntimeException e) {
            try {
                Files.deleteIfExists(report);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
