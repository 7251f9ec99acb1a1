package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ipb human import --format imi2023} end to end, on the hand-made fixture of human-study-app. */
class HumanImportImiTest {
    static Path fixture() {
        return CliRunner.home().resolve("human-study-app/study/src/test/resources/imi2023/responses_all_handmade.csv");
    }

    @Test
    void importThenSummarise(@TempDir Path tmp) throws Exception {
        Path db = tmp.resolve("imi.db");
        CliRunner.Result imp = CliRunner.run("human", "import", "--format", "imi2023", fixture().toString(),
                "--db", db.toString());
        assertEquals(0, imp.exitCode(), imp.err());
        assertTrue(imp.out().contains("imported 13 responses into study imi2023\n"), imp.out());
        assertTrue(imp.out().contains("imported 3 responses into study imi2023-excluded"), imp.out());

        Path out = tmp.resolve("summary.csv");
        CliRunner.Result sum = CliRunner.run("human", "summary", "--db", db.toString(), "--study", "imi2023",
                "--by", "reference", "--out", out.toString());
        assertEquals(0, sum.exitCode(), sum.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(3, lines.size(), String.join("\n", lines));
        // natural: 3 of 4 main trials correct, participants 1/2 and 2/2, RTs 1.2345/1.8/2.2/2.5 s
        assertTrue(lines.get(1).startsWith("natural,4,2,0.750000,"), lines.get(1));
        assertTrue(lines.get(1).endsWith(",0.750000,2.000000"), lines.get(1));
        // synthetic: 2 of 3, participants 1/2 and 1/1, RTs 2/3/4 s
        assertTrue(lines.get(2).startsWith("synthetic,3,2,0.666667,"), lines.get(2));
        assertTrue(lines.get(2).endsWith(",0.750000,3.000000"), lines.get(2));

        CliRunner.Result again = CliRunner.run("human", "import", "--format", "imi2023", fixture().toString(),
                "--db", db.toString());
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("already in the database"), again.err());
    }

    @Test
    void studyNameOption(@TempDir Path tmp) {
        CliRunner.Result imp = CliRunner.run("human", "import", "--format", "imi2023", "--study", "imi-main",
                fixture().toString(), "--db", tmp.resolve("j.db").toString());
        assertEquals(0, imp.exitCode(), imp.err());
        assertTrue(imp.out().contains("into study imi-main\n") && imp.out().contains("into study imi-main-excluded"),
                imp.out());
        CliRunner.Result borowski = CliRunner.run("human", "import", "--format", "borowski2021", "--study", "x",
                fixture().toString(), "--db", tmp.resolve("k.db").toString());
        assertEquals(2, borowski.exitCode());
        assertTrue(borowski.err().contains("--study applies to --format imi2023 only"), borowski.err());
        CliRunner.Result unknown = CliRunner.run("human", "import", "--format", "imi", fixture().toString(),
                "--db", tmp.resolve("k.db").toString());
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("borowski2021, imi2023"), unknown.err());
    }

    @Test
    void badInputIsOneLineAndLeavesNoStudy(@TempDir Path tmp) throws Exception {
        List<String> lines = Files.readAllLines(fixture());
        String bad = lines.get(2).replace(",natural,googlenet,", ",painted,googlenet,");
        Path csv = tmp.resolve("bad.csv");
        Files.write(csv, List.of(lines.get(0), lines.get(1), bad));
        Path db = tmp.resolve("j.db");
        CliRunner.Result r = CliRunner.run("human", "import", "--format", "imi2023", fixture().toString(),
                csv.toString(), "--db", db.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains(csv + ": line 3: column mode = 'painted'"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.out().contains("imported"), r.out());
        Path out = tmp.resolve("s.csv");
        CliRunner.Result sum = CliRunner.run("human", "summary", "--db", db.toString(), "--out", out.toString());
        assertEquals(0, sum.exitCode(), sum.err());
        assertEquals(1, Files.readAllLines(out).size()); // header only: nothing was imported
    }
}
