package org.ipb.manifest;

import static org.ipb.manifest.Fixtures.grayPng;
import static org.ipb.manifest.Fixtures.identity;
import static org.ipb.manifest.Fixtures.stimulusSetManifest;
import static org.ipb.manifest.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.ipb.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvStimulusSetTest {
    @TempDir
    Path dir;

    private Path csvSet(String csv, String labelColumn, String classes) {
        grayPng(dir.resolve("lists/imgs/a.png"), new int[][] {{1, 2}});
        grayPng(dir.resolve("lists/imgs/b,comma.png"), new int[][] {{3, 4}});
        write(dir.resolve("lists/list.csv"), csv);
        String label = labelColumn == null ? "" : ", \"labelColumn\": \"" + labelColumn + "\"";
        return stimulusSetManifest(dir.resolve("list.json"), "list",
                "{\"type\": \"csv\", \"file\": \"lists/list.csv\", \"pathColumn\": \"path\"" + label + "}", classes, identity(1, 2, 1));
    }

    private static final String GOOD = """
            \uFEFFpath,label,comment
            imgs/a.png,1,first

            "imgs/b,comma.png",dog,"a ""quoted"" note"
            """;

    @Test
    void rowsResolveAgainstTheCsvFolder() {
        try (StimulusSet s = StimulusSets.open(csvSet(GOOD, "label", "[\"dog\", \"cat\"]"))) {
            assertEquals(2, s.size());
            assertEquals(List.of("list:imgs/a.png", "list:imgs/b,comma.png"), List.of(s.id(0), s.id(1)));
            assertEquals(List.of(1, 0), List.of(s.label(0), s.label(1)), "integer label, then a class name");
            assertEquals(List.of("dog", "cat"), s.classNames());
            assertArrayEquals(new float[] {1, 2, 3, 4}, s.preprocessed(0, 2));
        }
    }

    @Test
    void withoutLabelColumnEveryLabelIsMinusOne() {
        try (StimulusSet s = StimulusSets.open(csvSet(GOOD, null, null))) {
            assertEquals(List.of(-1, -1), List.of(s.label(0), s.label(1)));
        }
    }

    @Test
    void rowWithMissingColumnNamesTheLine() {
        Path m = csvSet("path,label\nimgs/a.png,0\n\nimgs/b,comma.png,1\nimgs/c.png\n", "label", null);
        // line 4 has an unquoted comma: "imgs/b" becomes the path and "comma.png" the label
        assertEquals(dir.resolve("lists/list.csv") + ":4: label 'comma.png' is neither a non-negative integer nor one of the manifest's classes",
                assertThrows(UserError.class, () -> StimulusSets.open(m)).getMessage());
        Path m2 = csvSet("path,label\nimgs/a.png,0\nimgs/c.png\n", "label", null);
        assertEquals(dir.resolve("lists/list.csv") + ":3: row has 1 field, column 'label' is field 2",
                assertThrows(UserError.class, () -> StimulusSets.open(m2)).getMessage());
    }

    @Test
    void badHeaderLabelsAndQuotes() {
        Path csv = dir.resolve("lists/list.csv");
        Path noColumn = csvSet("file,label\nimgs/a.png,0\n", "label", null);
        assertEquals(csv + ":1: no column 'path' in the header (columns: file, label)",
                assertThrows(UserError.class, () -> StimulusSets.open(noColumn)).getMessage());
        Path outOfRange = csvSet("path,label\nimgs/a.png,2\n", "label", "[\"dog\", \"cat\"]");
        assertEquals(csv + ":2: label 2 is out of range: the manifest lists 2 classes",
                assertThrows(UserError.class, () -> StimulusSets.open(outOfRange)).getMessage());
        Path quote = csvSet("path,label\n\"imgs/a.png,0\n", "label", null);
        assertEquals(csv + ":2: unterminated quoted field starting at column 1",
                assertThrows(UserError.class, () -> StimulusSets.open(quote)).getMessage());
        Path empty = csvSet("path,label\n", "label", null);
        assertEquals(csv + ": no rows after the header", assertThrows(UserError.class, () -> StimulusSets.open(empty)).getMessage());
    }

    @Test
    void missingImageIsReportedWhenRead() {
        Path m = csvSet("path\nimgs/a.png\nimgs/gone.png\n", null, null);
        try (StimulusSet s = StimulusSets.open(m)) {
            assertEquals(dir.resolve("lists/imgs/gone.png") + ": cannot decode image: file not found",
                    assertThrows(UserError.class, () -> s.raw(1)).getMessage());
        }
    }

    @Test
    void csvRowSplitting() {
        assertEquals(List.of("a", "", "c"), CsvRow.split("a,,c"));
        assertEquals(List.of("x,y", "say \"hi\"", ""), CsvRow.split("\"x,y\",\"say \"\"hi\"\"\","));
        assertEquals(List.of(""), CsvRow.split(""));
    }
}
