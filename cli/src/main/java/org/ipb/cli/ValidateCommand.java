package org.ipb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ipb.core.Json;
import org.ipb.manifest.Manifests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ipb validate}: schema and semantic checks of manifests, optionally with checksums. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate stimulus-set and model manifests (JSON Schema, types, files); exit 2 on the first problem.")
final class ValidateCommand implements Runnable {
    @Parameters(arity = "1..*", paramLabel = "MANIFEST", description = "Manifest files.")
    List<Path> files;

    @Option(names = "--sha256", description = "Also verify the sha256 of every listed data file.")
    boolean sha;

    @Override
    public void run() {
        for (Path f : files) {
            String kind = kindOf(f);
            var mf = "model".equals(kind) ? Manifests.readModel(f) : Manifests.readStimulusSet(f);
            if (sha) {
                mf.verifySha256();
            }
            System.out.println(f + ": ok (" + kind + ")");
        }
    }

    private static String kindOf(Path f) {
        try {
            JsonNode n = Json.MAPPER.readTree(f.toFile());
            return n != null && n.has("kind") ? n.get("kind").asText() : "stimulus-set";
        } catch (IOException e) {
            // Let the manifest reader produce its precise message (missing file, syntax error).
            return "stimulus-set";
        }
    }

}
