package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ipb.core.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyCommandTest {
    static String line(int trial, boolean isCatch, String correct, double rt, String subject) {
        return trial + ",1," + trial + ",1,natural,main," + (isCatch ? "True" : "False")
                + ",0,layer_3,3,channel_0,max_min," + correct + ",2," + rt
                + ",False,a,a,qa.png,qb.png,,,42,\"4b, 3x3 \",2," + subject + "\n";
    }

    /** Subject 1: 3/4 catch right (excluded by default); subject 2: 4/5 (kept), one slow trial. */
    static Path tinyDb(Path tmp) throws Exception {
        StringBuilder sb = new StringBuilder(HumanCommandTest.HEADER);
        int t = 0;
        for (String c : List.of("True", "True", "True", "False")) {
            sb.append(line(t++, true, c, 1.0, "1"));
        }
        sb.append(line(t++, false, "True", 1.0, "1"));
        t = 0;
        for (String c : List.of("True", "False", "True", "True", "True")) {
            sb.append(line(t++, true, c, 1.0, "2"));
        }
        sb.append(line(t++, false, "True", 1.0, "2"));
        sb.append(line(t++, false, "False", 30.0, "2"));
        Path csv = tmp.resolve("experiment_I_main_tiny.csv");
        Files.writeString(csv, sb.toString());
        Path db = tmp.resolve("j.db");
        CliRunner.Result imp = CliRunner.run("human", "import", "--format", "borowski2021", csv.toString(),
                "--db", db.toString());
        assertEquals(0, imp.exitCode(), imp.err());
        return db;
    }

    @Test
    void exportCsvAndJsonWithExclusionFlags(@TempDir Path tmp) throws Exception {
        Path db = tinyDb(tmp);
        Path csv = tmp.resolve("out/trials.csv");
        CliRunner.Result r = CliRunner.run("study", "export", "--db", db.toString(), "--format", "csv", "--out",
                csv.toString(), "--exclude", "--max-rt", "20");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("excluded 1 of 2 participants, 6 of 12 trials (1 outside the RT bounds)"),
                r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(13, lines.size());
        assertEquals("study,participant,session,source,recruitment,screen,browser,instructions_s,session_s,"
                + "practice_attempts,trial_index,block,trial_type,is_catch,direction,model,layer,method,direction_index,"
                + "condition,reference,query_a,query_b,correct_side,correct_position,chosen,chosen_position,button,"
                + "confidence,confidence_label,correct,rt_s,onset_at,excluded,exclusion_reason", lines.get(0));
        // imported data: no participant properties, times or button layout; sides named all the same
        assertTrue(lines.get(1).startsWith("borowski2021-I,I:1,session-1,borowski2021,,,,,,,0,1,main,true,"),
                lines.get(1));
        // the direction "layer_3/3/channel_0" has no comma; the reason of subject 1 does not either
        assertTrue(lines.get(1).endsWith(",true,catch accuracy 0.750 (3/4) < 0.8"), lines.get(1));
        assertTrue(lines.get(12).endsWith(",true,rt 30 s > 20 s"), lines.get(12));
        assertTrue(lines.get(11).endsWith(",false,"), lines.get(11));
        assertTrue(r.err().contains("codebook.json, codebook.md beside it"), r.err());
        assertTrue(Files.readString(csv.resolveSibling("codebook.md")).contains("| `chosen_position` |"));

        Path json = tmp.resolve("trials.json");
        CliRunner.Result j = CliRunner.run("study", "export", "--db", db.toString(), "--format", "json", "--out",
                json.toString());
        assertEquals(0, j.exitCode(), j.err());
        JsonNode root = Json.MAPPER.readTree(json.toFile());
        assertEquals(12, root.size());
        for (JsonNode n : root) {
            assertTrue(n.get("excluded").isBoolean() && !n.get("excluded").asBoolean());
            assertTrue(n.get("exclusion_reason").isNull());
        }
        CliRunner.Result bad = CliRunner.run("study", "export", "--db", db.toString(), "--format", "xml");
        assertEquals(2, bad.exitCode());
        CliRunner.Result badRt = CliRunner.run("study", "export", "--db", db.toString(), "--format", "csv",
                "--min-rt", "5", "--max-rt", "1");
        assertEquals(2, badRt.exitCode());
    }

    @Test
    void summaryExcludes(@TempDir Path tmp) throws Exception {
        Path db = tinyDb(tmp);
        Path out = tmp.resolve("s.csv");
        CliRunner.Result r = CliRunner.run("human", "summary", "--db", db.toString(), "--by", "participant", "--out",
                out.toString(), "--exclude");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("excluded 1 of 2 participants"), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).startsWith("borowski2021-I/I:2,2,1,0.500000,"), lines.get(1));
        CliRunner.Result rt = CliRunner.run("human", "summary", "--db", db.toString(), "--by", "participant",
                "--out", out.toString(), "--max-rt", "20");
        assertEquals(0, rt.exitCode(), rt.err());
        assertTrue(rt.err().contains("excluded 0 of 2 participants, 1 of 12 trials"), rt.err());
        assertEquals(3, Files.readAllLines(out).size());
    }

    @Test
    void realExperimentOneExport(@TempDir Path tmp) throws Exception {
        Path dir = CliRunner.home().resolve("../shared/reference-data/borowski2021").normalize();
        Assumptions.assumeTrue(org.ipb.core.ReferenceData.present("borowski2021", dir), "reference data absent: " + dir);
        Path db = tmp.resolve("b.db");
        CliRunner.Result imp = CliRunner.run("human", "import", "--format", "borowski2021",
                dir.resolve("experiment_I_main_practice_catch_repeated_trials_preprocessed.csv").toString(),
                "--db", db.toString());
        assertEquals(0, imp.exitCode(), imp.err());
        Path csv = tmp.resolve("trials.csv");
        CliRunner.Result r = CliRunner.run("study", "export", "--db", db.toString(), "--format", "csv", "--out",
                csv.toString(), "--exclude");
        assertEquals(0, r.exitCode(), r.err());
        System.out.println(r.err());
        assertEquals(1861, Files.readAllLines(csv).size());
        assertTrue(r.err().contains("excluded 0 of 10 participants, 0 of 1860 trials"), r.err());
        Path out = tmp.resolve("summary.csv");
        CliRunner.Result sum = CliRunner.run("human", "summary", "--db", db.toString(), "--by", "reference",
                "--out", out.toString(), "--exclude");
        assertEquals(0, sum.exitCode(), sum.err());
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("natural,450,10,0.922222,")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("synthetic,450,10,0.820000,")), String.join("\n", lines));
    }
}
