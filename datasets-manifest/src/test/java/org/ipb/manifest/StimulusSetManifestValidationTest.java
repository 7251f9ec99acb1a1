package org.ipb.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ipb.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each broken manifest fails with "<file>: <json path>: <problem>", the first problem only. */
class StimulusSetManifestValidationTest {
    @TempDir
    Path dir;

    private static final String HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final String VALID = """
            {
              "kind": "stimulus-set",
              "name": "tiny-set",
              "version": "1",
              "description": "for tests",
              "source": {"type": "idx", "images": "img.idx.gz", "labels": "lbl.idx.gz"},
              "classes": ["a", "b"],
              "preprocessing": {"height": 28, "width": 28, "channels": 1, "scale": 0.5, "mean": [0.25], "std": [0.5]},
              "license": {"name": "MIT", "file": "LICENSE", "url": "https://example.org/x"},
              "sha256": {"img.idx.gz": "%s"}
            }
            """.formatted(HEX);

    private Path manifest(String json) {
        return Fixtures.write(dir.resolve("m.json"), json);
    }

    /** Reads a variant of {@link #VALID} and returns the error message after "<file>: ". */
    private String problem(String from, String to) {
        String json = VALID.replace(from, to);
        assertTrue(!json.equals(VALID), "test bug: '" + from + "' not in the manifest");
        Path m = manifest(json);
        String message = assertThrows(UserError.class, () -> Manifests.readStimulusSet(m)).getMessage();
        assertTrue(message.startsWith(m + ": "), message);
        return message.substring((m + ": ").length());
    }

    @Test
    void validManifestBindsToRecords() {
        var mf = Manifests.readStimulusSet(manifest(VALID));
        StimulusSetManifest m = mf.manifest();
        assertEquals(new StimulusSetManifest("stimulus-set", "tiny-set", "1", "for tests",
                new StimulusSource.IdxSource("img.idx.gz", "lbl.idx.gz"), List.of("a", "b"),
                new StimulusSetManifest.Preprocessing(28, 28, 1, 0.5, new double[] {0.25}, new double[] {0.5}),
                new StimulusSetManifest.License("MIT", "LICENSE", "https://example.org/x"),
                Map.of("img.idx.gz", HEX)), m);
        assertEquals(dir.resolve("img.idx.gz"), mf.resolve("img.idx.gz"));
        assertEquals(Path.of("/abs/x.gz"), mf.resolve("/abs/x.gz"));
    }

    @Test
    void optionalFieldsMayBeLeftOut() {
        StimulusSetManifest m = Manifests.readStimulusSet(manifest(VALID
                .replace("\"description\": \"for tests\",", "")
                .replace(", \"labels\": \"lbl.idx.gz\"", "")
                .replace("\"classes\": [\"a\", \"b\"],", "")
                .replace(", \"file\": \"LICENSE\", \"url\": \"https://example.org/x\"", "")
                .replace(",\n  \"sha256\": {\"img.idx.gz\": \"" + HEX + "\"}", ""))).manifest();
        assertEquals("", m.description());
        assertEquals(new StimulusSource.IdxSource("img.idx.gz", null), m.source());
        assertEquals(List.of(), m.classes());
        assertEquals(new StimulusSetManifest.License("MIT", null, null), m.license());
        assertEquals(Map.of(), m.sha256());
    }

    @Test
    void unknownFieldAtTopLevel() {
        assertEquals("$: property 'colour' is not defined in the schema and the schema does not allow additional properties",
                problem("\"version\": \"1\",", "\"version\": \"1\", \"colour\": \"red\","));
    }

    @Test
    void unknownFieldNested() {
        assertEquals("$.preprocessing: property 'heigth' is not defined in the schema and the schema does not allow additional properties",
                problem("\"height\": 28,", "\"height\": 28, \"heigth\": 28,"));
        assertEquals("$.license: property 'year' is not defined in the schema and the schema does not allow additional properties",
                problem("\"name\": \"MIT\",", "\"name\": \"MIT\", \"year\": 2017,"));
    }

    @Test
    void unknownFieldInsideTheChosenSourceType() {
        assertEquals("$.source: property 'root' is not defined in the schema and the schema does not allow additional properties",
                problem("\"type\": \"idx\",", "\"type\": \"idx\", \"root\": \"x\","));
    }

    @Test
    void wrongType() {
        assertEquals("$.preprocessing.mean: integer found, array expected", problem("\"mean\": [0.25]", "\"mean\": 1"));
        assertEquals("$.version: integer found, string expected", problem("\"version\": \"1\"", "\"version\": 1"));
        assertEquals("$.classes[1]: integer found, string expected", problem("[\"a\", \"b\"]", "[\"a\", 2]"));
    }

    @Test
    void fractionalIntegersAreRejected() {
        assertEquals("$.preprocessing.height: number found, integer expected", problem("\"height\": 28,", "\"height\": 28.5,"));
        // JSON Schema counts 28.0 as an integer; strict binding is the second net.
        assertEquals("$.preprocessing.height: Cannot coerce Floating-point value (28.0) to `int` value",
                problem("\"height\": 28,", "\"height\": 28.0,"));
    }

    @Test
    void missingRequiredField() {
        assertEquals("$: required property 'name' not found", problem("\"name\": \"tiny-set\",", ""));
        assertEquals("$.source: required property 'images' not found", problem("\"images\": \"img.idx.gz\", ", ""));
        assertEquals("$.preprocessing: required property 'std' not found", problem(", \"std\": [0.5]", ""));
    }

    @Test
    void badEnumValues() {
        assertEquals("$.source.type: does not have a value in the enumeration [\"idx\", \"image-folder\", \"csv\"]",
                problem("\"type\": \"idx\"", "\"type\": \"zip\""));
        assertEquals("$.preprocessing.channels: does not have a value in the enumeration [1, 3]",
                problem("\"channels\": 1", "\"channels\": 4"));
        assertEquals("$.kind: must be the constant value 'stimulus-set'",
                problem("\"kind\": \"stimulus-set\"", "\"kind\": \"stimuli\""));
    }

    @Test
    void modelManifestGivenWhereStimulusSetExpected() {
        assertEquals("$.kind: this is a 'model' manifest, expected 'stimulus-set'",
                problem("\"kind\": \"stimulus-set\"", "\"kind\": \"model\""));
    }

    @Test
    void meanAndStdNeedOneValuePerChannel() {
        assertEquals("$.preprocessing.mean: has 3 values but channels is 1 (one value per channel)",
                problem("\"mean\": [0.25]", "\"mean\": [0.25, 0.25, 0.25]"));
        assertEquals("$.preprocessing.std: has 1 value but channels is 3 (one value per channel)",
                problem("\"channels\": 1, \"scale\": 0.5, \"mean\": [0.25]", "\"channels\": 3, \"scale\": 0.5, \"mean\": [0.25, 0.25, 0.25]"));
    }

    @Test
    void stdMustBePositive() {
        assertEquals("$.preprocessing.std[0]: must have an exclusive minimum value of 0", problem("\"std\": [0.5]", "\"std\": [0]"));
    }

    @Test
    void badSha256Hex() {
        assertEquals("$.sha256['img.idx.gz']: does not match the regex pattern ^[0-9a-f]{64}$",
                problem(HEX, HEX.toUpperCase()));
        assertEquals("$.sha256['img.idx.gz']: does not match the regex pattern ^[0-9a-f]{64}$",
                problem(HEX, HEX.substring(1)));
    }

    @Test
    void badName() {
        assertEquals("$.name: does not match the regex pattern ^[a-z0-9][a-z0-9._-]*$",
                problem("\"name\": \"tiny-set\"", "\"name\": \"Tiny Set\""));
    }

    @Test
    void duplicateClassName() {
        assertEquals("$.classes[1]: duplicate class name 'a' (also at $.classes[0])", problem("[\"a\", \"b\"]", "[\"a\", \"a\"]"));
    }

    @Test
    void csvLabelColumnMustDifferFromPathColumn() {
        assertEquals("$.source.labelColumn: is the same column as pathColumn ('path')",
                problem("{\"type\": \"idx\", \"images\": \"img.idx.gz\", \"labels\": \"lbl.idx.gz\"}",
                        "{\"type\": \"csv\", \"file\": \"l.csv\", \"pathColumn\": \"path\", \"labelColumn\": \"path\"}"));
    }

    @Test
    void invalidJsonSyntaxGivesLineAndColumn() {
        assertEquals("invalid JSON at line 4, column 3: Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries",
                problem("\"name\": \"tiny-set\",", "\"name\": \"tiny-set\""));
        assertEquals("invalid JSON at line 4, column 28: Duplicate field 'version'",
                problem("\"version\": \"1\",", "\"version\": \"1\", \"version\": \"2\","));
    }

    @Test
    void missingOrEmptyFile() {
        Path absent = dir.resolve("absent.json");
        assertEquals(absent + ": manifest not found",
                assertThrows(UserError.class, () -> Manifests.readStimulusSet(absent)).getMessage());
        Path empty = Fixtures.write(dir.resolve("empty.json"), "");
        assertEquals(empty + ": empty file, expected a JSON object",
                assertThrows(UserError.class, () -> Manifests.readStimulusSet(empty)).getMessage());
        Path array = Fixtures.write(dir.resolve("array.json"), "[]");
        assertEquals(array + ": $: array found, object expected",
                assertThrows(UserError.class, () -> Manifests.readStimulusSet(array)).getMessage());
    }
}
