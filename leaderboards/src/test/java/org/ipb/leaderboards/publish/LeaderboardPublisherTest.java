package org.ipb.leaderboards.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.ipb.core.Json;
import org.ipb.core.UserError;
import org.ipb.leaderboards.board.Leaderboard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderboardPublisherTest {

    @Test
    void writesTheExpectedFiles(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("board");
        List<String> names = LeaderboardPublisher.publish(Boards.withHumans(), dir);
        assertEquals(List.of("LEADERBOARD.md",
                "accuracy-01-ipb-core_1-resnet50-layer2.png",
                "accuracy-02-ipb-core_1-resnet50-layer3.png",
                "accuracy-03-ipb-core_1-resnet50-layer4.png",
                "index.html", "leaderboard.csv", "leaderboard.json", "leaderboard.schema.json",
                "predicted-vs-human.png"), names);
        assertEquals(names, list(dir));
        assertEquals(List.of("board"), list(tmp), "no staging folder left beside the output");
    }

    @Test
    void jsonValidatesAgainstTheWrittenSchema(@TempDir Path tmp) throws Exception {
        for (Leaderboard board : List.of(Boards.withHumans(), Boards.withoutHumans())) {
            Path dir = tmp.resolve(board.humanNote().isEmpty() ? "humans" : "none");
            LeaderboardPublisher.publish(board, dir);
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(Json.MAPPER.readTree(dir.resolve("leaderboard.schema.json").toFile()));
            JsonNode json = Json.MAPPER.readTree(dir.resolve("leaderboard.json").toFile());
            Set<ValidationMessage> problems = schema.validate(json);
            assertTrue(problems.isEmpty(), problems.toString());
            assertEquals("https://json-schema.org/draft/2020-12/schema",
                    Json.MAPPER.readTree(dir.resolve("leaderboard.schema.json").toFile()).get("$schema").asText());
        }
    }

    @Test
    void schemaIsStrict() throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Json.MAPPER.readTree(LeaderboardPublisher.schema()));
        JsonNode good = Json.MAPPER.readTree(JsonOutput.json(Boards.withHumans()));
        assertTrue(schema.validate(good).isEmpty());

        ObjectNode extra = good.deepCopy();
        ((ObjectNode) extra.get("rows").get(0)).put("surprise", 1);
        assertFalse(schema.validate(extra).isEmpty(), "unknown row field");

        ObjectNode missing = good.deepCopy();
        ((ObjectNode) missing.get("rows").get(0).get("headline")).remove("ciLow");
        assertFalse(schema.validate(missing).isEmpty(), "missing required field");

        ObjectNode wrongType = good.deepCopy();
        ((ObjectNode) wrongType.get("rows").get(0)).put("directions", "twenty");
        assertFalse(schema.validate(wrongType).isEmpty(), "string for an integer");

        ObjectNode badKind = good.deepCopy();
        ((ObjectNode) badKind.get("rows").get(0)).put("kind", "other");
        assertFalse(schema.validate(badKind).isEmpty(), "unknown row kind");
    }

    @Test
    void jsonReadsBackToTheSameBoard(@TempDir Path tmp) throws Exception {
        Leaderboard board = Boards.withHumans();
        LeaderboardPublisher.publish(board, tmp);
        String json = Files.readString(tmp.resolve("leaderboard.json"));
        assertTrue(json.contains("\"accuracy\" : 0.8123456,"), "shortest exact decimal");
        assertTrue(json.contains("\"ciLow\" : \"NaN\""), "NaN as a string");
        assertTrue(json.contains("\"ceiling\" : 1.0,") || json.contains("\"ceiling\" : 0.97,"));
        // the rows come after the definition (whose own order is fixed): compare the last occurrences
        assertTrue(json.lastIndexOf("\"bootstrapSeed\" : 33") < json.lastIndexOf("\"directionSeed\" : 11")
                && json.lastIndexOf("\"directionSeed\" : 11") < json.lastIndexOf("\"taskSeed\" : 22"), "provenance keys sorted");
        assertTrue(json.indexOf("\"coherence\" : \"1.0.0\"") < json.indexOf("\"mis\" : \"1.2.0\""),
                "benchmark scorer map sorted");
        assertFalse(json.contains("\r"));
        Leaderboard back = Json.MAPPER.readValue(json, Leaderboard.class);
        assertEquals(board.rows().get(5).headline(), back.rows().get(5).headline());
        assertEquals(board.rows().get(5).scores(), back.rows().get(5).scores());
        assertEquals(board.splitHalfCeiling(), back.splitHalfCeiling());
        assertEquals(board.comparisons(), back.comparisons());
        assertEquals(board.findings(), back.findings());
        assertEquals(board.benchmarks(), back.benchmarks());
        assertEquals(board.validity().get("mis"), back.validity().get("mis"));
    }

    @Test
    void csvHeaderAndKnownRow(@TempDir Path tmp) throws Exception {
        LeaderboardPublisher.publish(Boards.withHumans(), tmp);
        List<String> lines = List.of(Files.readString(tmp.resolve("leaderboard.csv")).split("\r\n", -1));
        assertEquals("benchmark,entry,entry_version,kind,model,layer,directions,headline_measure,headline_accuracy,"
                + "headline_ci_low,headline_ci_high,calibration,human_trials,human_participants,human_accuracy,"
                + "human_ci_low,human_ci_high,raw,catch_trial_ceiling,ceiled,score_coherence,score_coherence_se,score_mis,score_mis_se,"
                + "score_selectivity.precision,score_selectivity.precision_se,score_sparsity.hoyer,"
                + "score_sparsity.hoyer_se,ablation_auc,code_version", lines.get(0));
        assertEquals(1 + 9 + 1, lines.size(), "header, 9 rows, and the final line end");
        assertEquals("", lines.get(10));
        // Board order: benchmark, model, layer, entry, version -> layer3: acme-sae v1, acme-sae v2, pca.
        assertEquals("ipb-core@1,acme-sae,2,submission,resnet50,layer3,20,predicted human 2-AFC accuracy,0.812346,"
                + "0.333333,0.9,\"logistic-lapse(\"\"fit\"\")\",800,12,0.775,0.745,0.8025,0.812346,0.97,0.83747,"
                + "1234570,0.5,0.4321,0.0123,0.6,0.05,1E-7,1E-9,0.6125,0123abcd", lines.get(5));
        // A submission v1 row: only MIS, no ablation AUC, no code version.
        assertEquals("ipb-core@1,acme-sae,1,submission,resnet50,layer2,20,predicted human 2-AFC accuracy,0.74,0.7,"
                + "0.77,logistic-lapse,800,12,0.72,0.69,"
                + "0.75,0.74,0.97,0.762887,,,0.3,0.02,,,,,,", lines.get(1));
    }

    @Test
    void csvWithoutHumanDataHasEmptyHumanCells(@TempDir Path tmp) throws Exception {
        LeaderboardPublisher.publish(Boards.withoutHumans(), tmp);
        String row = Files.readString(tmp.resolve("leaderboard.csv")).split("\r\n")[3];
        assertTrue(row.startsWith("ipb-core@1,pca,0,builtin,resnet50,layer2,20,machine 2-AFC accuracy (uncalibrated),"
                + "0.66,0.62,0.69,none,,,,,,,,,"), row);
    }

    @Test
    void csvQuotingFollowsRfc4180() {
        assertEquals("", CsvOutput.quote(null));
        assertEquals("plain", CsvOutput.quote("plain"));
        assertEquals("\"a,b\"", CsvOutput.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvOutput.quote("say \"hi\""));
        assertEquals("\"two\nlines\"", CsvOutput.quote("two\nlines"));
    }

    @Test
    void markdownSaysWhyTheHumanColumnsAreEmpty(@TempDir Path tmp) throws Exception {
        LeaderboardPublisher.publish(Boards.withoutHumans(), tmp);
        String md = Files.readString(tmp.resolve("LEADERBOARD.md"));
        assertTrue(md.contains("No human data. The human columns are empty. "), md);
        assertTrue(md.contains(MarkdownOutput.esc(Boards.NO_HUMANS)), md);
        assertTrue(md.contains("Split-half reliability ceiling: not measured"), md);
        assertTrue(md.contains("Catch-trial ceiling: not measured"), md);
        assertFalse(md.contains("1.000"), "no ceiling of 1 that was never measured");
        assertTrue(md.contains("## Glossary"), md);
        assertTrue(md.contains("| entry | directions | machine 2-AFC accuracy (uncalibrated) \\[95 % CI\\]"), md);
        assertFalse(md.contains("predicted human 2-AFC accuracy \\[95"),
                "an uncalibrated score is never called a human prediction");
        assertFalse(md.contains("## Scorer validity"));
        assertTrue(md.contains("| ipb-core@1 | resnet50 | layer2, layer3, layer4 | pca, ica | 20 | 40 | 11 / 22 / 33 |"),
                md);
        assertTrue(md.contains("| acme-sae v1 | 20 | 0.740 \\[0.700, 0.770\\] | – | not measured |"), md);
    }

    @Test
    void aHumanNoteThatAlreadySaysSoIsNotRepeated() {
        Leaderboard b = Boards.withoutHumans();
        Leaderboard board = new Leaderboard(b.kind(), b.formatVersion(), b.benchmarks(),
                "no study database given: the human columns are empty", 0, b.calibrationNote(), b.splitHalfCeiling(),
                b.validity(), b.comparisons(), b.findings(), b.rows());
        assertEquals("No human data. No study database given: the human columns are empty.", Cells.humanNote(board));
        assertTrue(MarkdownOutput.markdown(board).contains(
                "> **No human data. No study database given: the human columns are empty.**"));
    }

    @Test
    void markdownTablesAreSortedByPredictedAccuracyWithValidity(@TempDir Path tmp) throws Exception {
        LeaderboardPublisher.publish(Boards.withHumans(), tmp);
        String md = Files.readString(tmp.resolve("LEADERBOARD.md"));
        assertFalse(md.contains("No human data"));
        assertTrue(md.contains("### ipb-core@1 — resnet50:layer2"), md);
        assertTrue(md.contains("| entry | directions | predicted human 2-AFC accuracy \\[95 % CI\\] | human accuracy"
                + " (trials / participants) | predicted / catch-trial ceiling / ceiled | mis | coherence | selectivity.precision |"
                + " sparsity.hoyer | ablation AUC |"), md);
        String layer2 = md.substring(md.indexOf("resnet50:layer2"), md.indexOf("resnet50:layer3"));
        // layer2: acme-sae v2 0.78 > acme-sae v1 0.74 > pca 0.66
        assertTrue(layer2.indexOf("| acme-sae v2 |") < layer2.indexOf("| acme-sae v1 |")
                && layer2.indexOf("| acme-sae v1 |") < layer2.indexOf("| pca |"), layer2);
        assertTrue(layer2.contains("| pca | 20 | 0.660 \\[0.620, 0.690\\] | 0.640 \\[0.610, 0.670\\] (800 / 12) |"
                + " 0.660 / 0.970 / 0.680 |"), layer2);
        assertTrue(layer2.contains("| acme-sae v1 | 20 | 0.740 \\[0.700, 0.770\\]"), layer2);
        assertTrue(md.contains("## Scorer validity"));
        assertTrue(md.contains("| mis | 60 | 12 | spearman | 0.620 \\[0.480, 0.740\\] | 0.810 | 0.765 |"), md);
        assertTrue(md.contains("Split-half reliability"));
        assertTrue(md.contains("- ipb-core@1: Core 2-AFC benchmark; stimulus set imagenet-val-10k; protocol quantile (top/bottom 5 %);"), md);
        assertFalse(md.contains("<script>"), "raw HTML from a description");
    }

    @Test
    void htmlEscapesTextAndIsSelfContained(@TempDir Path tmp) throws Exception {
        LeaderboardPublisher.publish(Boards.withHumans(), tmp);
        String html = Files.readString(tmp.resolve("index.html"));
        assertTrue(html.contains("Sparse autoencoder &lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; friends"),
                html);
        assertFalse(html.toLowerCase(java.util.Locale.ROOT).contains("<script"));
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("//cdn"), "no external URLs");
        assertTrue(html.contains("<style>"));
        String[] parts = html.split("src=\"");
        assertEquals(1 + 3 + 1, parts.length, "three bar charts and the scatter");
        for (int i = 1; i < parts.length; i++) {
            String file = parts[i].substring(0, parts[i].indexOf('"'));
            assertTrue(Files.isRegularFile(tmp.resolve(file)), file);
        }
        assertTrue(html.contains("<img src=\"predicted-vs-human.png\""));
        assertTrue(html.contains("<h2>Scorer validity</h2>"));
    }

    @Test
    void withoutHumanDataThePageSaysSoInsteadOfTheScatter(@TempDir Path tmp) throws Exception {
        List<String> names = LeaderboardPublisher.publish(Boards.withoutHumans(), tmp);
        assertFalse(names.contains(Charts.HUMAN_CHART));
        String html = Files.readString(tmp.resolve("index.html"));
        assertTrue(html.contains("No row has human data, so there is no chart of predicted against human accuracy."));
        assertTrue(html.contains("No human data. The human columns are empty. "));
        assertFalse(html.contains("Scorer validity"));
    }

    @Test
    void chartsArePngsOfTheStatedSize(@TempDir Path tmp) throws Exception {
        LeaderboardPublisher.publish(Boards.withHumans(), tmp);
        BufferedImage bars = ImageIO.read(tmp.resolve("accuracy-02-ipb-core_1-resnet50-layer3.png").toFile());
        assertEquals(Charts.WIDTH, bars.getWidth());
        assertEquals(150 + 34 * 3, bars.getHeight());
        BufferedImage scatter = ImageIO.read(tmp.resolve("predicted-vs-human.png").toFile());
        assertEquals(Charts.WIDTH, scatter.getWidth());
        assertEquals(Charts.SCATTER_HEIGHT, scatter.getHeight());
        String chunks = new String(Files.readAllBytes(tmp.resolve("predicted-vs-human.png")), StandardCharsets.ISO_8859_1);
        for (String meta : List.of("tEXt", "zTXt", "iTXt", "tIME")) {
            assertFalse(chunks.contains(meta), meta);
        }
    }

    @Test
    void publishingTwiceGivesByteIdenticalFiles(@TempDir Path tmp) throws Exception {
        for (Leaderboard board : List.of(Boards.withHumans(), Boards.withoutHumans())) {
            Path a = tmp.resolve(board.humanNote().isEmpty() ? "a-humans" : "a-none");
            Path b = tmp.resolve(board.humanNote().isEmpty() ? "b-humans" : "b-none");
            LeaderboardPublisher.publish(board, a);
            LeaderboardPublisher.publish(board, b);
            assertEquals(list(a), list(b));
            for (String name : list(a)) {
                assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)), name);
            }
            // Publishing again over an existing folder replaces the files with the same bytes.
            byte[] before = Files.readAllBytes(a.resolve("index.html"));
            LeaderboardPublisher.publish(board, a);
            assertArrayEquals(before, Files.readAllBytes(a.resolve("index.html")));
        }
    }

    @Test
    void aRegularFileAsTheFolderIsAUserErrorAndNothingIsWritten(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("taken");
        Files.writeString(file, "keep me");
        UserError e = assertThrows(UserError.class, () -> LeaderboardPublisher.publish(Boards.withHumans(), file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertEquals("keep me", Files.readString(file));
        assertEquals(List.of("taken"), list(tmp), "no staging folder or stray files");
    }

    @Test
    void aFolderInTheWayOfAFileIsAUserErrorAndNothingIsWritten(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("out");
        Files.createDirectories(dir.resolve("index.html"));
        Files.writeString(dir.resolve("leaderboard.csv"), "old");
        UserError e = assertThrows(UserError.class, () -> LeaderboardPublisher.publish(Boards.withHumans(), dir));
        assertTrue(e.getMessage().contains(dir.resolve("index.html").toString()), e.getMessage());
        assertEquals(List.of("index.html", "leaderboard.csv"), list(dir));
        assertEquals("old", Files.readString(dir.resolve("leaderboard.csv")));
        assertEquals(List.of("out"), list(tmp));
    }

    @Test
    void aBoardThatBreaksTheSchemaIsRefusedBeforeWriting(@TempDir Path tmp) throws Exception {
        Leaderboard good = Boards.withoutHumans();
        var r = good.rows().get(0);
        var bad = new org.ipb.leaderboards.board.LeaderboardRow(r.benchmark(), r.entry(), r.entryVersion(), "mystery",
                r.description(), r.model(), r.layer(), r.directions(), r.headline(), r.human(), r.ceiled(), r.scores(),
                r.ablationAuc(), r.provenance());
        Leaderboard board = new Leaderboard(good.kind(), good.formatVersion(), good.benchmarks(), good.humanNote(),
                good.simulatedIgnored(), good.calibrationNote(), good.splitHalfCeiling(), good.validity(),
                good.comparisons(), good.findings(), List.of(bad));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LeaderboardPublisher.publish(board, tmp.resolve("out")));
        assertTrue(e.getMessage().contains("$.rows[0].kind"), e.getMessage());
        assertEquals(List.of(), list(tmp));
    }

    private static List<String> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void contactSheetsAreCopiedUnderSheetsAndLinkedFromTheirRow(@TempDir Path tmp) throws Exception {
        Leaderboard board = Boards.withoutHumans();
        org.ipb.leaderboards.board.LeaderboardRow row = board.rows().get(0);
        Path a = tmp.resolve("a.png");
        Path b = tmp.resolve("b.png");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), "png", a.toFile());
        ImageIO.write(new BufferedImage(5, 5, BufferedImage.TYPE_BYTE_GRAY), "png", b.toFile());
        RowSheets sheets = new RowSheets(row.benchmark(), row.model(), row.layer(), row.entry(), row.entryVersion(),
                List.of(a, b));
        RowSheets stranger = new RowSheets("other@1", row.model(), row.layer(), row.entry(), row.entryVersion(),
                List.of(a));
        Path dir = tmp.resolve("board");
        List<String> names = LeaderboardPublisher.publish(board, List.of(), List.of(sheets, stranger), dir);
        String first = sheets.publishedName(0);
        String second = sheets.publishedName(1);
        assertTrue(first.startsWith("sheets/") && first.endsWith("-1.png"), first);
        assertEquals(2, names.stream().filter(n -> n.startsWith("sheets/")).count(),
                "only the row's own sheets are published: " + names);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(dir.resolve(first)));
        assertArrayEquals(Files.readAllBytes(b), Files.readAllBytes(dir.resolve(second)));
        String md = Files.readString(dir.resolve("LEADERBOARD.md"));
        assertTrue(md.contains("[1](" + first + ")") && md.contains("[2](" + second + ")"), md);
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(html.contains("<a href=\"" + first + "\">1</a>"), html);
        // Republished without sheets, the old ones go: nothing stale stays linked or on disk.
        LeaderboardPublisher.publish(board, List.of(), List.of(), dir);
        assertFalse(Files.exists(dir.resolve(first)), "stale contact sheet left behind");
        assertFalse(Files.readString(dir.resolve("LEADERBOARD.md")).contains(first));
    }

    @Test
    void aReplicationBesideTheBoardIsShownWithItsTableAndKept(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("board");
        Path rep = dir.resolve("borowski2021");
        Files.createDirectories(rep);
        Files.writeString(rep.resolve("REPLICATION.md"), "# Machine replication of Borowski et al. (ICLR 2021)\n\ntext\n");
        Files.writeString(rep.resolve("conditions.csv"), "experiment,condition,reference,machine_accuracy\n"
                + "I,natural,natural,0.9725\nII,Max-1,synthetic,0.6225\n");
        LeaderboardPublisher.publish(Boards.withoutHumans(), List.of(), List.of(), dir);
        String md = Files.readString(dir.resolve("LEADERBOARD.md"));
        assertTrue(md.contains("### Machine replication of Borowski et al. \\(ICLR 2021\\)")
                || md.contains("### Machine replication of Borowski et al. (ICLR 2021)"), md);
        assertTrue(md.contains("| II | Max-1 | synthetic | 0.6225 |"), md);
        assertTrue(md.contains("](borowski2021/REPLICATION.md)"), md);
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(html.contains("<td class=\"num\">0.9725</td>") && html.contains("borowski2021/REPLICATION.md"),
                html);
        assertTrue(Files.isRegularFile(rep.resolve("conditions.csv")), "the replication stays beside the board");
        Files.writeString(rep.resolve("conditions.csv"), "experiment,condition\nI\n");
        UserError e = assertThrows(UserError.class,
                () -> LeaderboardPublisher.publish(Boards.withoutHumans(), List.of(), List.of(), dir));
        assertTrue(e.getMessage().contains("conditions.csv") && e.getMessage().contains("fields"), e.getMessage());
    }
}
