package org.ipb.harness.exemplars;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ipb.core.Json;
import org.ipb.core.Provenance;
import org.ipb.core.UserError;
import org.ipb.manifest.ManifestCatalog;

/**
 * The names and files {@code ipb exemplars} needs besides the two matrices, from the command line
 * or else from what sits beside the inputs: the activations' sidecar ({@code <stem>.json}: model,
 * layer, stimulus set), their {@code stimuli.csv} (stimulus ids by row) and the directions' report
 * ({@code <stem>.report.json}: method).
 *
 * @param stimulusManifest the stimulus-set manifest, or null when none was given or found
 * @param stimulusSetName the set's name (manifest, else sidecar)
 * @param ids stimulus id of every row from {@code stimuli.csv}, or null when there is none
 */
record ExemplarInputs(String model, String layer, String method, Path stimulusManifest, String stimulusSetName,
        Path stimuliCsv, String[] ids, Path sidecar, Path report) {

    static ExemplarInputs resolve(ExemplarRequest req, int n, boolean needImages) {
        Path x = req.activations();
        Path sidecar = sibling(x, ".npy", ".json");
        JsonNode side = sidecar != null && Files.isRegularFile(sidecar) ? readJson(sidecar) : null;
        if (side == null) {
            sidecar = null;
        }
        Path report = sibling(req.directions(), ".npy", ".report.json");
        JsonNode rep = report != null && Files.isRegularFile(report) ? readJson(report) : null;
        if (rep == null) {
            report = null;
        }

        String sideLayer = side == null ? null : text(side.path("layer"));
        String sideModel = side == null ? null : text(side.path("model").path("name"));
        if (sideModel == null && sideLayer != null && sideLayer.contains(":")) {
            sideModel = sideLayer.substring(0, sideLayer.indexOf(':'));
        }
        if (sideLayer != null && sideLayer.contains(":")) {
            sideLayer = sideLayer.substring(sideLayer.indexOf(':') + 1);
        }
        String model = req.model() != null ? req.model() : sideModel;
        String layer = req.layer() != null ? req.layer() : sideLayer;
        String method = req.method() != null ? req.method() : rep == null ? null
                : text(rep.path("method")) != null ? text(rep.path("method")) : text(rep.path("report").path("method"));
        String noSidecar = " (no sidecar " + sibling(x, ".npy", ".json") + " names it)";
        if (model == null) {
            throw new UserError(x + ": model name unknown: pass --model" + noSidecar);
        }
        if (layer == null) {
            throw new UserError(x + ": layer name unknown: pass --layer" + noSidecar);
        }
        if (method == null) {
            throw new UserError(req.directions() + ": method unknown: pass --method (no report "
                    + sibling(req.directions(), ".npy", ".report.json") + " with a \"method\" field)");
        }
        checkName("model", model);
        checkName("layer", layer);
        checkName("method", method);

        if (side != null && side.path("stimulusSet").path("images").isIntegralNumber()
                && side.path("stimulusSet").path("images").asLong() != n) {
            throw new UserError(sidecar, "says " + side.path("stimulusSet").path("images").asLong()
                    + " images but " + x + " has " + n + " rows");
        }

        Path csv = x.toAbsolutePath().resolveSibling("stimuli.csv");
        String[] ids = Files.isRegularFile(csv) ? readIds(csv, n, x) : null;
        if (ids == null) {
            csv = null;
        }

        String sideSetName = side == null ? null : text(side.path("stimulusSet").path("name"));
        String sideSetManifest = side == null ? null : text(side.path("stimulusSet").path("manifest"));
        Path manifest = null;
        if (req.dataset() != null) {
            manifest = ManifestCatalog.stimulusSet(req.dataset());
        } else {
            // Resolved even when this run needs no images: the candidate set records it for the
            // scorers, whose observers embed the images.
            manifest = findManifest(sideSetManifest, sideSetName, x);
            if (manifest == null && (needImages || ids == null)) {
                String why = ids == null ? "stimulus ids (there is no stimuli.csv beside it)" : "contact sheets";
                throw new UserError(x + ": no stimulus set for " + why + ": pass --dataset"
                        + (sideSetManifest != null ? " (the sidecar's " + sideSetManifest + " was not found)" : ""));
            }
        }
        return new ExemplarInputs(model, layer, method, manifest, sideSetName, csv, ids, sidecar, report);
    }

    /** {@code dir/<name without suffix><newSuffix>}, or null when the name does not end in {@code suffix}. */
    static Path sibling(Path file, String suffix, String newSuffix) {
        String name = file.getFileName().toString();
        if (!name.endsWith(suffix)) {
            return null;
        }
        return file.toAbsolutePath().resolveSibling(name.substring(0, name.length() - suffix.length()) + newSuffix);
    }

    private static JsonNode readJson(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UserError(file, "not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    }

    /** Names go into direction ids {@code model:layer:method:index}, and the method into file names. */
    private static void checkName(String what, String value) {
        boolean bad = value.chars().anyMatch(ch -> ch == ':' || Character.isWhitespace(ch) || Character.isISOControl(ch))
                || (what.equals("method") && (value.contains("/") || value.contains("\\") || value.startsWith(".")));
        if (bad) {
            throw new UserError(what + " name '" + value + "' may not contain ':' or spaces"
                    + (what.equals("method") ? ", '/' or '\\', or start with '.'" : "")
                    + ": it goes into direction ids model:layer:method:index");
        }
    }

    /** The sidecar's manifest path as written, else beside the activations or under ipb home, else the shipped name. */
    private static Path findManifest(String path, String name, Path x) {
        if (path != null) {
            try {
                Path p = Path.of(path);
                List<Path> candidates = p.isAbsolute() ? List.of(p)
                        : List.of(p, x.toAbsolutePath().getParent().resolve(p), Provenance.home().resolve(p));
                for (Path c : candidates) {
                    if (Files.isRegularFile(c)) {
                        return c;
                    }
                }
            } catch (InvalidPathException e) {
                // fall through to the name
            }
        }
        if (name != null) {
            try {
                return ManifestCatalog.stimulusSet(name);
            } catch (UserError e) {
                return null;
            }
        }
        return null;
    }

    /** Ids from {@code index,id,label} rows; row i must have index i, and there must be {@code n} rows. */
    static String[] readIds(Path csv, int n, Path x) {
        List<String> ids = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.strip().startsWith("index,id")) {
                throw new UserError(csv, "expected a header line starting with index,id, found "
                        + (header == null ? "an empty file" : "'" + header + "'"));
            }
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> f = fields(line, csv, lineNo);
                if (f.size() < 2) {
                    throw new UserError(csv, "line " + lineNo + ": expected index,id[,label]");
                }
                if (!f.get(0).equals(Integer.toString(ids.size()))) {
                    throw new UserError(csv, "line " + lineNo + ": index " + f.get(0) + ", expected " + ids.size());
                }
                if (f.get(1).isEmpty()) {
                    throw new UserError(csv, "line " + lineNo + ": empty id");
                }
                ids.add(f.get(1));
            }
        } catch (IOException e) {
            throw new UserError(csv, "cannot read: " + e.getMessage(), e);
        }
        if (ids.size() != n) {
            throw new UserError(csv, "lists " + ids.size() + " stimuli but " + x + " has " + n + " rows");
        }
        return ids.toArray(String[]::new);
    }

    /** One CSV line (RFC 4180 quoting, no line breaks inside fields). */
    private static List<String> fields(String line, Path csv, int lineNo) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"' && cur.length() == 0) {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        if (quoted) {
            throw new UserError(csv, "line " + lineNo + ": unterminated quote");
        }
        out.add(cur.toString());
        return out;
    }
}
