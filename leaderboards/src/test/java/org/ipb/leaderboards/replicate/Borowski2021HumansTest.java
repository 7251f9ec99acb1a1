package org.ipb.leaderboards.replicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.UserError;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Human accuracy per condition from CSVs in the authors' column layout. */
class Borowski2021HumansTest {
    static final String HEADER_I = ",subject_id_within_expert_type,trial_nr,block_nr,instr_type,trial_type,catch_trial,"
            + "batch,layer,kernel_size,channel,query_order,correct,conf_rating,RT,timeout,response,correct_response,"
            + "query_image_a,query_image_b,old_trial_nr,old_block_nr,seed,unit_name,abs_conf_rating,subject_id";
    static final String HEADER_II = ",subject_id_within_expert_type,trial_nr,block_nr,batch_block,instr_type,trial_type,"
            + "instruction_grid_mode,n_instruction_patches,catch_trial,batch,layer,kernel_size,channel,query_order,"
            + "correct,conf_rating,RT,timeout,response,correct_response,query_image_a,query_image_b,old_trial_nr,"
            + "old_block_nr,seed,unit_name,condition_name,abs_conf_rating,subject_id,expert_level";

    @TempDir
    Path tmp;

    static String rowI(int nr, String instr, String type, boolean caught, boolean correct, int subject) {
        return nr + ",1," + nr + ",0," + instr + "," + type + "," + (caught ? "True" : "False") + ",1,layer_3,3,channel_0,"
                + "max_min," + (correct ? "True" : "False") + ",-2,1.5,False,a," + (correct ? "a" : "b")
                + ",x/max_9.png,x/min_0.png,,,42,\"3a, 3x3 \",2," + subject;
    }

    static String rowII(int nr, String instr, String cond, boolean caught, boolean correct, int subject) {
        String grid = cond.startsWith("Min-Max") ? "min_max" : "max_max";
        String n = cond.substring(cond.lastIndexOf('-') + 1);
        return nr + ",1," + nr + ",0,a," + instr + ",main," + grid + "," + n + "," + (caught ? "True" : "False")
                + ",1,layer_3,3,channel_0,max_min," + (correct ? "True" : "False") + ",-2,1.5,False,a,"
                + (correct ? "a" : "b") + ",x/max_" + n + ".png,x/min_0.png,,,42,\"3a, 3x3 \"," + cond + ",2," + subject
                + ",expert";
    }

    /** Hand-made Exp I file: what is and is not counted, none_pre + none_post pooled. */
    static Path expI(Path dir) throws Exception {
        List<String> lines = List.of(HEADER_I,
                rowI(0, "natural", "practice", false, false, 1),   // practice: not counted
                rowI(1, "natural", "main", false, true, 1),
                rowI(2, "natural", "main", false, true, 1),
                rowI(3, "natural", "main", false, false, 2),
                rowI(4, "natural", "main", true, false, 2),        // catch: not counted
                rowI(5, "optimized", "main", false, true, 1),
                rowI(6, "optimized", "main", false, false, 2),
                rowI(7, "none_pre", "main", false, true, 1),
                rowI(8, "none_post", "main", false, false, 1),
                rowI(9, "none_post", "main", false, false, 2),
                rowI(10, "natural", "repeated", false, false, 1)); // repeated: not counted
        Path f = dir.resolve(Borowski2021Humans.FILE_I);
        Files.write(f, lines);
        return f;
    }

    static Path expII(Path dir) throws Exception {
        List<String> lines = List.of(HEADER_II,
                rowII(0, "natural", "Min-Max-9", false, true, 1),
                rowII(1, "natural", "Min-Max-9", false, true, 2),
                rowII(2, "optimized", "Min-Max-9", false, false, 1),
                rowII(3, "natural", "Max-1", false, true, 1),
                rowII(4, "natural", "Max-1", false, false, 2),
                rowII(5, "natural", "Max-1", true, false, 2),
                rowII(6, "optimized", "Max-1", false, true, 1));
        Path f = dir.resolve(Borowski2021Humans.FILE_II);
        Files.write(f, lines);
        return f;
    }

    @Test
    void countsMainNonCatchTrialsPerCondition() throws Exception {
        expI(tmp);
        expII(tmp);
        Borowski2021Humans.Result r = Borowski2021Humans.read(tmp);
        Map<String, Borowski2021Humans.Human> by = r.byCondition();
        check(by, "I/natural/natural", 2, 3);
        check(by, "I/synthetic/synthetic", 1, 2);
        check(by, "I/none/none", 1, 3);
        check(by, "II/Min-Max-9/natural", 2, 2);
        check(by, "II/Min-Max-9/synthetic", 0, 1);
        check(by, "II/Max-1/natural", 1, 2);
        check(by, "II/Max-1/synthetic", 1, 1);
        assertNull(by.get("II/Max-9/natural"), "no trials, no number");
        assertEquals(1, r.noneParts().get("none_pre").n());
        assertEquals(0.0, r.noneParts().get("none_post").accuracy());
        assertTrue(r.sources().get("I").endsWith(Borowski2021Humans.FILE_I));
    }

    private static void check(Map<String, Borowski2021Humans.Human> by, String key, int correct, int n) {
        Borowski2021Humans.Human h = by.get(key);
        assertEquals(n, h.n(), key);
        assertEquals(correct, h.correct(), key);
        assertEquals((double) correct / n, h.accuracy(), 1e-12, key);
    }

    @Test
    void missingFilesFallBackToThePublishedFigures() {
        Borowski2021Humans.Result r = Borowski2021Humans.read(tmp.resolve("absent"));
        assertEquals(0.92, r.byCondition().get("I/natural/natural").accuracy());
        assertEquals(0.82, r.byCondition().get("I/synthetic/synthetic").accuracy());
        assertEquals(0.73, r.byCondition().get("II/Max-1/natural").accuracy());
        assertEquals(0.65, r.byCondition().get("II/Max-1/synthetic").accuracy());
        assertNull(r.byCondition().get("I/natural/natural").n());
        assertNull(r.byCondition().get("II/Min-Max-9/natural"), "no published per-condition figure: empty");
        assertNull(r.byCondition().get("I/none/none"));
        assertTrue(r.sources().get("II").startsWith("published"));
    }

    @Test
    void malformedFileIsAOneLineErrorNamingIt() throws Exception {
        Path f = tmp.resolve(Borowski2021Humans.FILE_I);
        Files.write(f, List.of(HEADER_I, rowI(1, "natural", "main", false, true, 1).replace(",True,", ",maybe,")));
        UserError e = assertThrows(UserError.class, () -> Borowski2021Humans.read(tmp));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("correct"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
        Files.write(f, List.of("a,b,c", "1,2,3"));
        UserError missing = assertThrows(UserError.class, () -> Borowski2021Humans.read(tmp));
        assertTrue(missing.getMessage().contains(f.toString()) && missing.getMessage().contains("missing column"),
                missing.getMessage());
    }

    @Test
    void unknownExperimentIICondition() throws Exception {
        Path f = tmp.resolve(Borowski2021Humans.FILE_II);
        Files.write(f, List.of(HEADER_II, rowII(0, "natural", "Min-Max-9", false, true, 1).replace("Min-Max-9,",
                "Min-Max-4,")));
        UserError e = assertThrows(UserError.class, () -> Borowski2021Humans.read(tmp));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("Min-Max-4"), e.getMessage());
    }

    /**
     * The authors' real files: counts by an independent line parser, the figures these give, and
     * the paper's headline numbers (Exp I natural 92 +/- 2 % vs synthetic 82 +/- 4 %; Exp II Max-1
     * natural 73 +/- 4 % vs synthetic 65 +/- 5 %).
     */
    @Test
    void realFilesGiveThePapersFigures() throws Exception {
        Path dir = Path.of(System.getProperty("ipb.home", "..")).toAbsolutePath().normalize()
                .resolve("../shared/reference-data/borowski2021").normalize();
        Assumptions.assumeTrue(org.ipb.core.ReferenceData.present("borowski2021", dir.resolve(Borowski2021Humans.FILE_I),
                dir.resolve(Borowski2021Humans.FILE_II)),
                "skipped: " + dir + " (the authors' CSVs) is not present");
        Map<String, Borowski2021Humans.Human> by = Borowski2021Humans.read(dir).byCondition();
        Map<String, int[]> independent = independentCounts(dir);
        assertEquals(independent.keySet(), by.keySet());
        for (Map.Entry<String, int[]> e : independent.entrySet()) {
            assertEquals(e.getValue()[0], by.get(e.getKey()).correct(), e.getKey());
            assertEquals(e.getValue()[1], by.get(e.getKey()).n(), e.getKey());
        }
        // What the data give (counted once by hand with a separate script as well).
        check(by, "I/natural/natural", 415, 450);
        check(by, "I/synthetic/synthetic", 369, 450);
        check(by, "I/none/none", 194, 450);
        check(by, "II/Min-Max-9/natural", 418, 460);
        check(by, "II/Min-Max-9/synthetic", 330, 460);
        check(by, "II/Min-Max-1/natural", 385, 460);
        check(by, "II/Min-Max-1/synthetic", 349, 460);
        check(by, "II/Max-9/natural", 373, 460);
        check(by, "II/Max-9/synthetic", 307, 460);
        check(by, "II/Max-1/natural", 336, 460);
        check(by, "II/Max-1/synthetic", 300, 460);
        // The paper's headline figures, to its precision.
        assertEquals(0.92, by.get("I/natural/natural").accuracy(), 0.005);
        assertEquals(0.82, by.get("I/synthetic/synthetic").accuracy(), 0.005);
        assertEquals(0.73, by.get("II/Max-1/natural").accuracy(), 0.005);
        assertEquals(0.65, by.get("II/Max-1/synthetic").accuracy(), 0.005);
    }

    /** Splits on commas outside double quotes; counts main, non-catch trials by condition key. */
    private static Map<String, int[]> independentCounts(Path dir) throws Exception {
        Map<String, int[]> out = new HashMap<>();
        for (String exp : List.of("I", "II")) {
            List<String> lines = Files.readAllLines(dir.resolve(exp.equals("I") ? Borowski2021Humans.FILE_I
                    : Borowski2021Humans.FILE_II));
            List<String> header = List.of(lines.get(0).split(",", -1));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
                String type = f[header.indexOf("trial_type")];
                String caught = f[header.indexOf("catch_trial")];
                if (!type.equals("main") || !caught.equals("False")) {
                    continue;
                }
                String instr = f[header.indexOf("instr_type")];
                String ref = instr.equals("optimized") ? "synthetic" : instr.startsWith("none") ? "none" : instr;
                String name = exp.equals("I") ? ref : f[header.indexOf("condition_name")];
                int[] c = out.computeIfAbsent(exp + "/" + name + "/" + ref, k -> new int[2]);
                c[0] += f[header.indexOf("correct")].equals("True") ? 1 : 0;
                c[1]++;
            }
        }
        return out;
    }

    @Test
    void unknownReplicationNamesTheArgument() {
        UserError e = assertThrows(UserError.class, () -> Replications.check("borowski2020"));
        assertTrue(e.getMessage().contains("replication name") && e.getMessage().contains("borowski2021"),
                e.getMessage());
        assertEquals("borowski2021", Replications.check("borowski2021"));
    }
}
