package org.ipb.study.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ipb.core.Json;
import org.ipb.study.importer.CsvReader;
import org.ipb.study.store.Judgment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialExportTest {
    @Test
    void csvRoundTripWithQuotingAndFlags(@TempDir Path tmp) throws Exception {
        List<Judgment> js = new ArrayList<>(ExclusionsTest.tinyStore(tmp));
        // ordered by participant: the first row is nocatch's trial 0 (rt 0.2 s, kept)
        js.set(0, new Judgment("s", "nocatch", "session-1", "app", 0, 1, "main", false, "4b, 3x3 \"x\"", "layer_3",
                "natural", "natural", "a.png", "b.png", "a", "a", true, 2, 0.2, java.time.Instant.parse(
                        "2024-01-02T03:04:05Z")));
        Exclusions.Result r = Exclusions.apply(js, new Exclusions.Criteria(0.8, 0.2, 10.0));
        Path out = tmp.resolve("trials.csv");
        TrialExport.write(out, "csv", js, r);
        String text = Files.readString(out);
        assertTrue(text.contains("\"4b, 3x3 \"\"x\"\"\""), text);
        List<List<String>> rows = new ArrayList<>();
        try (CsvReader csv = new CsvReader(Files.newBufferedReader(out))) {
            List<String> row;
            while ((row = csv.next()) != null) {
                rows.add(row);
            }
        }
        assertEquals(TrialExport.COLUMNS, rows.get(0));
        assertEquals(js.size() + 1, rows.size());
        int direction = TrialExport.COLUMNS.indexOf("direction");
        int excluded = TrialExport.COLUMNS.indexOf("excluded");
        int reason = TrialExport.COLUMNS.indexOf("exclusion_reason");
        assertEquals("4b, 3x3 \"x\"", rows.get(1).get(direction));
        assertEquals("2024-01-02T03:04:05Z", rows.get(1).get(TrialExport.COLUMNS.indexOf("onset_at")));
        int nExcluded = 0;
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            assertEquals(TrialExport.COLUMNS.size(), row.size());
            Judgment j = js.get(i - 1);
            assertEquals(j.participant(), row.get(1));
            assertEquals(Integer.toString(j.trialIndex()), row.get(TrialExport.COLUMNS.indexOf("trial_index")));
            // source app: the button as on screen (choice a with confidence 2 is button 2, "fairly sure")
            assertEquals(j.chosen().equals("a") ? "2" : "5", row.get(TrialExport.COLUMNS.indexOf("button")));
            assertEquals("fairly sure", row.get(TrialExport.COLUMNS.indexOf("confidence_label")));
            assertEquals(j.chosen().equals("a") ? "left" : "right",
                    row.get(TrialExport.COLUMNS.indexOf("chosen_position")));
            assertEquals(Boolean.toString(r.excluded(j)), row.get(excluded));
            assertEquals(r.excluded(j) ? r.reason(j) : "", row.get(reason));
            nExcluded += row.get(excluded).equals("true") ? 1 : 0;
        }
        assertEquals(8, nExcluded);
        assertTrue(text.endsWith("\r\n"));
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
        JsonNode codebook = Json.MAPPER.readTree(tmp.resolve("codebook.json").toFile());
        List<String> described = new ArrayList<>();
        codebook.get("columns").forEach(c -> described.add(c.get("name").asText()));
        assertEquals(TrialExport.COLUMNS, described, "the codebook beside the export names every column");
        assertEquals("catch accuracy >= 0.8, rt_s >= 0.2, rt_s <= 10", codebook.get("exclusion").asText());
        assertTrue(Files.readString(tmp.resolve("codebook.md")).contains("| `button` | integer |"));
    }

    @Test
    void jsonIsAnArrayOfTypedObjects(@TempDir Path tmp) throws Exception {
        List<Judgment> js = ExclusionsTest.tinyStore(tmp);
        Exclusions.Result r = Exclusions.apply(js, Exclusions.Criteria.DEFAULTS);
        Path out = tmp.resolve("trials.json");
        TrialExport.write(out, "json", js, r);
        JsonNode root = Json.MAPPER.readTree(out.toFile());
        assertTrue(root.isArray());
        assertEquals(js.size(), root.size());
        JsonNode first = root.get(0);
        List<String> keys = new ArrayList<>();
        first.fieldNames().forEachRemaining(keys::add);
        assertEquals(TrialExport.COLUMNS, keys);
        assertEquals("nocatch", first.get("participant").asText());
        assertTrue(first.get("excluded").isBoolean() && !first.get("excluded").asBoolean());
        assertTrue(first.get("is_catch").isBoolean());
        assertTrue(first.get("rt_s").isNumber());
        assertTrue(first.get("onset_at").isNull());
        int nExcluded = 0;
        for (JsonNode n : root) {
            nExcluded += n.get("excluded").asBoolean() ? 1 : 0;
            assertEquals(n.get("excluded").asBoolean(), !n.get("exclusion_reason").isNull());
        }
        assertEquals(6, nExcluded);
    }
}
