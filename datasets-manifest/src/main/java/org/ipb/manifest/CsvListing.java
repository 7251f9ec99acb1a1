package org.ipb.manifest;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ipb.core.UserError;

/**
 * Reads a CSV image list (UTF-8, header row first). Image paths are relative to the CSV's folder;
 * a label is an integer class index or one of the manifest's class names. Errors name the line:
 * {@code "list.csv:17: ..."}. Images are not opened here.
 */
final class CsvListing {
    private CsvListing() {}

    static ImageFileStimulusSet open(ManifestFile<StimulusSetManifest> mf, StimulusSource.CsvSource source) {
        Path csv = mf.resolve(source.file());
        List<String> lines = readLines(csv);
        int headerLine = firstNonBlank(lines);
        if (headerLine < 0) {
            throw new UserError(csv, "empty CSV, expected a header row");
        }
        List<String> header = fields(csv, headerLine, lines.get(headerLine));
        int pathIndex = column(csv, headerLine, header, source.pathColumn());
        int labelIndex = source.labelColumn() == null ? -1 : column(csv, headerLine, header, source.labelColumn());
        List<String> classes = mf.manifest().classes();
        Path folder = csv.getParent() == null ? Path.of("") : csv.getParent();

        List<ImageEntry> entries = new ArrayList<>();
        for (int i = headerLine + 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> row = fields(csv, i, lines.get(i));
            String path = cell(csv, i, row, pathIndex, source.pathColumn());
            if (path.isBlank()) {
                throw error(csv, i, "empty " + source.pathColumn() + " cell");
            }
            int label = labelIndex < 0 ? -1 : label(csv, i, cell(csv, i, row, labelIndex, source.labelColumn()), classes);
            entries.add(new ImageEntry(path.replace('\\', '/'), folder.resolve(path), label));
        }
        if (entries.isEmpty()) {
            throw new UserError(csv, "no rows after the header");
        }
        return new ImageFileStimulusSet(mf.manifest(), entries, classes);
    }

    private static List<String> readLines(Path csv) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(csv, StandardCharsets.UTF_8));
            if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
                lines.set(0, lines.get(0).substring(1)); // byte-order mark written by spreadsheet programs
            }
            return lines;
        } catch (NoSuchFileException e) {
            throw new UserError(csv, "file not found");
        } catch (CharacterCodingException e) {
            throw new UserError(csv, "not valid UTF-8");
        } catch (IOException e) {
            throw new UserError(csv, "cannot read: " + e.getMessage(), e);
        }
    }

    private static int firstNonBlank(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> fields(Path csv, int line, String text) {
        try {
            return CsvRow.split(text);
        } catch (IllegalArgumentException e) {
            throw error(csv, line, e.getMessage());
        }
    }

    private static int column(Path csv, int headerLine, List<String> header, String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw error(csv, headerLine, "no column '" + name + "' in the header (columns: " + String.join(", ", header) + ")");
        }
        return index;
    }

    private static String cell(Path csv, int line, List<String> row, int index, String column) {
        if (index >= row.size()) {
            throw error(csv, line, "row has " + row.size() + (row.size() == 1 ? " field" : " fields")
                    + ", column '" + column + "' is field " + (index + 1));
        }
        return row.get(index).strip();
    }

    private static int label(Path csv, int line, String text, List<String> classes) {
        int byName = classes.indexOf(text);
        if (byName >= 0) {
            return byName;
        }
        int label;
        try {
            label = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw error(csv, line, "label '" + text + "' is neither a non-negative integer nor one of the manifest's classes");
        }
        if (label < 0 || (!classes.isEmpty() && label >= classes.size())) {
            throw error(csv, line, "label " + label + " is out of range"
                    + (classes.isEmpty() ? " (must be >= 0)" : ": the manifest lists " + classes.size() + " classes"));
        }
        return label;
    }

    /** Lines are counted from 1, as editors show them. */
    private static UserError error(Path csv, int lineIndex, String problem) {
        return new UserError(csv + ":" + (lineIndex + 1) + ": " + problem);
    }
}
