package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HumanCommandTest {
    static final String HEADER = ",subject_id_within_expert_type,trial_nr,block_nr,instr_type,trial_type,catch_trial,"
            + "batch,layer,kernel_size,channel,query_order,correct,conf_rating,RT,timeout,response,correct_response,"
            + "query_image_a,query_image_b,old_trial_nr,old_block_nr,seed,unit_name,abs_conf_rating,subject_id\n";

    static String line(int trial, String instr, String correct, String subject) {
        return trial + ",1," + trial + ",1," + instr + ",main,False,0,layer_3,3,channel_0,max_min," + correct
                + ",2,1.5,False,a,a,qa.png,qb.png,,,42,\"4b, 3x3 \",2," + subject + "\n";
    }

    @Test
    void importThenSummarise(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("experiment_I_main_tiny.csv");
        Files.writeString(csv, HEADER + line(0, "natural", "True", "1") + line(1, "natural", "False", "1")
                + line(2, "optimized", "True", "1") + line(0, "natural", "True", "2"));
        Path db = tmp.resolve("judgments.db");
        CliRunner.Result imp = CliRunner.run("human", "import", "--format", "borowski2021", csv.toString(),
                "--db", db.toString());
        assertEquals(0, imp.exitCode(), imp.err());
        assertTrue(imp.out().contains("imported 4 responses into study borowski2021-I"), imp.out());
        Path out = tmp.resolve("summary.csv");
        CliRunner.Result sum = CliRunner.run("human", "summary", "--db", db.toString(), "--by", "reference",
                "--out", out.toString());
        assertEquals(0, sum.exitCode(), sum.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("reference,n_trials,n_participants,accuracy,ci_low,ci_high,accuracy_participant_mean,median_rt_s",
                lines.get(0));
        assertTrue(lines.get(1).startsWith("natural,3,2,0.666667,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("synthetic,1,1,1.000000,"), lines.get(2));
        assertEquals(3, lines.size());
    }

    @Test
    void badInputIsAOneLineUserError(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, HEADER + line(0, "natural", "perhaps", "1"));
        CliRunner.Result r = CliRunner.run("human", "import", "--format", "borowski2021", csv.toString(),
                "--db", tmp.resolve("j.db").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains(csv + ": line 2: column correct"), r.err());
        CliRunner.Result fmt = CliRunner.run("human", "import", "--format", "other", csv.toString(),
                "--db", tmp.resolve("j.db").toString());
        assertEquals(2, fmt.exitCode());
        CliRunner.Result key = CliRunner.run("human", "summary", "--db", tmp.resolve("j.db").toString(), "--by",
                "colour", "--out", tmp.resolve("s.csv").toString());
        assertEquals(2, key.exitCode());
        assertTrue(key.err().contains("colour"), key.err());
        CliRunner.Result missing = CliRunner.run("human", "summary", "--db", tmp.resolve("none.db").toString(),
                "--out", tmp.resolve("s.csv").toString());
        assertEquals(2, missing.exitCode());
    }

    /** Borowski et al. 2021 (ICLR), experiment I: natural 92 ± 2 %, synthetic 82 ± 4 %. */
    @Test
    void realExperimentOneByReference(@TempDir Path tmp) throws Exception {
        Path dir = CliRunner.home().resolve("../shared/reference-data/borowski2021").normalize();
        Assumptions.assumeTrue(org.ipb.core.ReferenceData.present("borowski2021", dir), "reference data absent: " + dir);
        Path db = tmp.resolve("b.db");
        CliRunner.Result imp = CliRunner.run("human", "import", "--format", "borowski2021",
                dir.resolve("experiment_I_main_practice_catch_repeated_trials_preprocessed.csv").toString(),
                "--db", db.toString());
        assertEquals(0, imp.exitCode(), imp.err());
        Path out = tmp.resolve("summary.csv");
        CliRunner.Result sum = CliRunner.run("human", "summary", "--db", db.toString(), "--by", "reference",
                "--out", out.toString());
        assertEquals(0, sum.exitCode(), sum.err());
        List<String> lines = Files.readAllLines(out);
        // 415/450 and 369/450 correct; Wilson intervals checked against an independent computation
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("natural,450,10,0.922222,0.893751,0.943546,0.922222,")),
                String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("synthetic,450,10,0.820000,0.781842,0.852741,0.820000,")), String.join("\n", lines));
        System.out.println(String.join("\n", lines));
    }
}
