package org.ipb.study.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ipb.core.UserError;
import org.ipb.study.analysis.Summary;
import org.ipb.study.store.Judgment;
import org.ipb.study.store.JudgmentStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Borowski2021ImporterTest {
    static final String HEADER = ",subject_id_within_expert_type,trial_nr,block_nr,instr_type,trial_type,catch_trial,"
            + "batch,layer,kernel_size,channel,query_order,correct,conf_rating,RT,timeout,response,correct_response,"
            + "query_image_a,query_image_b,old_trial_nr,old_block_nr,seed,unit_name,abs_conf_rating,subject_id\n";

    static String line(int i, int trial, String instr, String type, String isCatch, String correct, String rt) {
        return i + ",5," + trial + ",1," + instr + "," + type + "," + isCatch + ",0,layer_3,3,channel_0,max_min,"
                + correct + ",2," + rt + ",False,a,a,qa.png,qb.png,,,42,\"4b, 3x3 \",2,5\n";
    }

    static Path tiny(Path dir, String body) throws Exception {
        Path f = dir.resolve("experiment_I_main_tiny.csv");
        Files.writeString(f, HEADER + body);
        return f;
    }

    @Test
    void readsATinyFile(@TempDir Path tmp) throws Exception {
        Path f = tiny(tmp, line(0, 0, "natural", "main", "False", "True", "1.5")
                + line(1, 1, "optimized", "main", "True", "False", "2.5")
                + line(2, 2, "none_pre", "practice", "False", "False", "3"));
        List<Judgment> js = Borowski2021Importer.read(f);
        assertEquals(3, js.size());
        Judgment j = js.get(0);
        assertEquals("borowski2021-I", j.study());
        assertEquals("I:5", j.participant());
        assertEquals("natural", j.reference());
        assertEquals("natural", j.condition());
        assertEquals("layer_3/3/channel_0", j.direction());
        assertEquals(1.5, j.rtS());
        assertEquals(2, j.confidence());
        assertTrue(j.correct());
        assertEquals("synthetic", js.get(1).reference());
        assertTrue(js.get(1).catchTrial());
        assertEquals("none", js.get(2).reference());
        try (JudgmentStore s = JudgmentStore.open(tmp.resolve("db"))) {
            assertEquals(Map.of("borowski2021-I", 3), Borowski2021Importer.importFiles(s, List.of(f)));
            assertEquals(3, s.countResponses());
            UserError again = assertThrows(UserError.class, () -> Borowski2021Importer.importFiles(s, List.of(f)));
            assertTrue(again.getMessage().contains("already"), again.getMessage());
            assertEquals(3, s.countResponses());
        }
    }

    @Test
    void badInputNamesFileAndLine(@TempDir Path tmp) throws Exception {
        Path f = tiny(tmp, line(0, 0, "natural", "main", "False", "True", "1.5")
                + line(1, 1, "natural", "main", "False", "True", "slow")
                + line(2, 2, "natural", "main", "False", "True", "NaN"));
        UserError e = assertThrows(UserError.class, () -> Borowski2021Importer.read(f));
        assertTrue(e.getMessage().startsWith(f + ": line 3:") && e.getMessage().contains("RT"), e.getMessage());

        Files.writeString(f, HEADER + line(0, 0, "natural", "main", "maybe", "True", "1"));
        e = assertThrows(UserError.class, () -> Borowski2021Importer.read(f));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("catch_trial"), e.getMessage());

        Files.writeString(f, HEADER + line(0, 0, "painted", "main", "False", "True", "1"));
        e = assertThrows(UserError.class, () -> Borowski2021Importer.read(f));
        assertTrue(e.getMessage().contains("instr_type"), e.getMessage());

        Files.writeString(f, HEADER.replace(",RT,", ",rt,") + line(0, 0, "natural", "main", "False", "True", "1"));
        e = assertThrows(UserError.class, () -> Borowski2021Importer.read(f));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("'RT'"), e.getMessage());

        Files.writeString(f, HEADER + "0,5,0\n");
        e = assertThrows(UserError.class, () -> Borowski2021Importer.read(f));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("fields"), e.getMessage());

        Files.writeString(f, HEADER + "0,\"5,0\n");
        e = assertThrows(UserError.class, () -> Borowski2021Importer.read(f));
        assertTrue(e.getMessage().startsWith(f + ": line 2"), e.getMessage());
    }

    static Path referenceData() {
        Path dir = Path.of(System.getProperty("ipb.home", "..")).resolve("../shared/reference-data/borowski2021")
                .normalize();
        Assumptions.assumeTrue(org.ipb.core.ReferenceData.present("borowski2021", dir), "reference data absent: " + dir);
        return dir;
    }

    /** Borowski et al. 2021: natural 92 ± 2 %, synthetic 82 ± 4 % (exp. I); Max-1 73 ± 4 % vs 65 ± 5 % (exp. II). */
    @Test
    void realDataReproducesThePublishedAccuracies(@TempDir Path tmp) {
        Path dir = referenceData();
        Path e1 = dir.resolve("experiment_I_main_practice_catch_repeated_trials_preprocessed.csv");
        Path e2 = dir.resolve("experiment_II_main_practice_catch_trials_preprocessed.csv");
        try (JudgmentStore s = JudgmentStore.open(tmp.resolve("b.db"))) {
            Map<String, Integer> n = Borowski2021Importer.importFiles(s, List.of(e1, e2));
            assertEquals(Map.of("borowski2021-I", 1860, "borowski2021-II", 4968), n);
            List<Summary.Row> one = Summary.compute(s.judgments("borowski2021-I"), List.of("reference"));
            Summary.Row natural = row(one, "natural");
            Summary.Row synthetic = row(one, "synthetic");
            assertEquals(450, natural.nTrials());
            assertEquals(10, natural.nParticipants());
            assertEquals(0.9222, natural.accuracy(), 1e-4);
            assertEquals(0.8200, synthetic.accuracy(), 1e-4);
            assertEquals(natural.accuracy(), natural.accuracyParticipantMean(), 1e-9);
            assertEquals(0.92, natural.accuracy(), 0.02);
            assertEquals(0.82, synthetic.accuracy(), 0.04);

            List<Summary.Row> two = Summary.compute(s.judgments("borowski2021-II"), List.of("condition", "reference"));
            Summary.Row max1Natural = row(two, "Max-1", "natural");
            Summary.Row max1Synthetic = row(two, "Max-1", "synthetic");
            assertEquals(23, max1Natural.nParticipants());
            assertEquals(0.7304, max1Natural.accuracy(), 1e-4);
            assertEquals(0.6522, max1Synthetic.accuracy(), 1e-4);
            assertEquals(0.73, max1Natural.accuracy(), 0.04);
            assertEquals(0.65, max1Synthetic.accuracy(), 0.05);
        }
    }

    static Summary.Row row(List<Summary.Row> rows, String... keys) {
        return rows.stream().filter(r -> r.keys().equals(List.of(keys))).findFirst().orElseThrow();
    }
}
