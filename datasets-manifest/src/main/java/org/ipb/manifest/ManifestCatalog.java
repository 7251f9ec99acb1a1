package org.ipb.manifest;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ipb.core.UserError;

/**
 * Resolves a user's {@code --dataset} / {@code --model} argument to a manifest file: an existing
 * {@code .json} path is used as is; anything else is a shipped name, looked up as
 * {@code <home>/datasets-manifest/embedded/stimulus-sets/<name>.json} or
 * {@code <home>/datasets-manifest/embedded/models/<name>.json}, where home is the system property
 * {@code ipb.home} or else the current directory.
 */
public final class ManifestCatalog {
    private ManifestCatalog() {}

    private static final String NAME_PATTERN = "[a-z0-9][a-z0-9._-]*";

    public static Path stimulusSet(String nameOrPath) {
        return resolve(nameOrPath, "stimulus-sets", "stimulus set");
    }

    public static Path model(String nameOrPath) {
        return resolve(nameOrPath, "models", "model");
    }

    public static List<String> shippedStimulusSets() {
        return shipped("stimulus-sets");
    }

    public static List<String> shippedModels() {
        return shipped("models");
    }

    /** Folder holding the shipped manifests: {@code <home>/datasets-manifest/embedded}. */
    public static Path embeddedDir() {
        String home = System.getProperty("ipb.home");
        Path base = home == null || home.isBlank() ? Path.of("") : Path.of(home);
        return base.resolve("datasets-manifest").resolve("embedded");
    }

    private static Path resolve(String arg, String folder, String what) {
        Path asPath = toPath(arg);
        if (asPath != null && Files.isRegularFile(asPath)) {
            if (!arg.endsWith(".json")) {
                throw new UserError(asPath, "expected a .json " + what + " manifest");
            }
            return asPath;
        }
        boolean looksLikePath = arg.endsWith(".json") || arg.indexOf('/') >= 0 || arg.indexOf(File.separatorChar) >= 0;
        if (looksLikePath && asPath != null) {
            throw new UserError(asPath, Files.isDirectory(asPath) ? "is a directory, expected a .json manifest" : "manifest not found");
        }
        if (arg.matches(NAME_PATTERN)) {
            Path shipped = embeddedDir().resolve(folder).resolve(arg + ".json");
            if (Files.isRegularFile(shipped)) {
                return shipped;
            }
        }
        List<String> names = shipped(folder);
        throw new UserError("unknown " + what + " '" + arg + "': not a .json manifest file and not a shipped name; shipped "
                + what + "s: " + (names.isEmpty() ? "(none)" : String.join(", ", names))
                + " (in " + embeddedDir().resolve(folder) + ")");
    }

    private static Path toPath(String arg) {
        try {
            return Path.of(arg);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static List<String> shipped(String folder) {
        Path dir = embeddedDir().resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .filter(n -> n.matches(NAME_PATTERN))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UserError(dir, "cannot list shipped manifests: " + e.getMessage(), e);
        }
    }
}
