package org.ipb.study.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ipb.core.UserError;
import org.ipb.study.analysis.Exclusions;
import org.ipb.study.analysis.ParticipantRecords;
import org.ipb.study.analysis.TrialExport;
import org.ipb.study.design.StudyDesign;
import org.ipb.study.store.Judgment;
import org.ipb.study.store.JudgmentStore;
import org.ipb.study.store.JudgmentStore.StoredTrial;
import org.ipb.study.store.StudyLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web server over plain HTTP: a whole session answered through the API lands in H2 as one row
 * per trial, a repeated answer writes nothing, and the API refuses what a participant must not do.
 */
class WebSessionHttpTest {
    @TempDir
    Path tmp;

    private StudyWebServer serve(Path db, WebStudyConfig c) {
        return StudyWebServer.start(c);
    }

    /** Runs a session to its end through the API, answering with {@code button}; returns answers committed. */
    static int runSession(WebClient c, int button) throws Exception {
        JsonNode s = c.get("screen").json();
        int committed = 0;
        for (int guard = 0; guard < 1000; guard++) {
            String kind = s.get("kind").asText();
            assertFalse(s.toString().contains("correct"), "the page never learns the correct side: " + s);
            if (kind.equals("finished")) {
                return committed;
            }
            WebClient.Reply r = kind.equals("trial") ? c.answer(s.get("trial").get("index").asInt(), button, 900)
                    : c.proceed(s);
            assertEquals(200, r.status(), r.text());
            if (kind.equals("trial")) {
                assertTrue(r.json().get("committed").asBoolean(), r.text());
                committed++;
            }
            s = r.json();
        }
        throw new AssertionError("session did not end");
    }

    @Test
    void wholeSessionOverHttpIsOneRowPerTrialAndRepeatsWriteNothing() throws Exception {
        Path db = tmp.resolve("s.db");
        WebFixtures.create(db, 2, 6, 2, 5);
        try (StudyWebServer server = StudyWebServer.start(WebStudyConfig.defaults(db, null, 0))) {
            WebClient c = new WebClient(WebClient.http(), server.port(), server.tokens().token("P01"));
            JsonNode consent = c.get("screen").json();
            assertEquals("consent", consent.get("kind").asText());
            // a continue from a screen that is not on display changes nothing
            JsonNode stale = c.post("proceed", "{\"seq\":" + (consent.get("seq").asLong() + 5) + "}").json();
            assertTrue(stale.get("stale").asBoolean());
            assertEquals("consent", stale.get("kind").asText());
            JsonNode instr = c.proceed(consent).json();
            assertEquals("instructions", instr.get("kind").asText());
            // a double click on the consent button: the second continue is stale, not a skip
            JsonNode again = c.proceed(consent).json();
            assertEquals("instructions", again.get("kind").asText());
            assertEquals(instr.get("seq"), again.get("seq"));

            JsonNode trial = c.proceed(instr).json();
            assertEquals("trial", trial.get("kind").asText());
            int index = trial.get("trial").get("index").asInt();
            WebClient.Reply first = c.answer(index, 1, 812.5);
            assertTrue(first.json().get("committed").asBoolean());
            WebClient.Reply twice = c.answer(index, 1, 812.5);
            assertEquals(200, twice.status());
            assertFalse(twice.json().get("committed").asBoolean(), "a double submit is answered idempotently");
            assertEquals(first.json().get("seq"), twice.json().get("seq"));

            int rest = runSession(c, 6);
            assertEquals("finished", c.get("screen").json().get("kind").asText());
            assertNotNull(c.get("screen").json().get("completionCode").asText());
            assertEquals(server.tokens().completionCode("P01"), c.get("screen").json().get("completionCode").asText());

            try (JudgmentStore store = JudgmentStore.open(StudyLocation.processOnly(tmp.resolve("unused.db")))) {
                assertEquals(0, store.countResponses());
            }
            List<Judgment> js = judgmentsWhileServing(server, db);
            assertEquals(1 + rest, js.size());
            assertTrue(js.stream().allMatch(j -> j.source().equals("web")));
            assertEquals(0.8125, js.get(0).rtS(), 1e-9);
            assertEquals(3, js.get(0).confidence(), "button 1 is the left query, surest");
            assertEquals("a", js.get(0).chosen());
        }
        try (JudgmentStore store = JudgmentStore.open(db)) {
            List<StoredTrial> ts = store.sessionTrials(WebFixtures.STUDY, "P01", StudyDesign.SESSION);
            assertTrue(ts.stream().allMatch(StoredTrial::answered), "every planned trial answered once");
            assertEquals(ts.size(), store.judgments(WebFixtures.STUDY).size());
            List<String> events = store.eventKinds(WebFixtures.STUDY, "P01", StudyDesign.SESSION);
            assertEquals(List.of("session_start", "consent"), events.subList(0, 2));
            assertTrue(events.contains("session_end") && events.contains("break"), events.toString());
        }
    }

    private static List<Judgment> judgmentsWhileServing(StudyWebServer server, Path db) {
        // Another connection inside the serving process, as the server's own are.
        try (JudgmentStore store = JudgmentStore.open(StudyLocation.processOnly(db))) {
            return store.judgments(server.study());
        }
    }

    @Test
    void aParticipantReachesOnlyTheirOwnSessionAndBadInputIsRefused() throws Exception {
        Path db = tmp.resolve("sec.db");
        WebFixtures.create(db, 2, 4, 1, 40);
        try (StudyWebServer server = StudyWebServer.start(new WebStudyConfig(db, null, "127.0.0.1", 0,
                "Consent <script>alert(1)</script> & more", null, 2, 5))) {
            HttpClient http = WebClient.http();
            String t1 = server.tokens().token("P01");
            String t2 = server.tokens().token("P02");
            assertNotEquals(t1, t2);
            assertEquals(43, t1.length());
            WebClient p1 = new WebClient(http, server.port(), t1);
            JsonNode consent = p1.get("screen").json();
            assertEquals("Consent <script>alert(1)</script> & more", consent.get("body").asText(),
                    "text goes out as JSON data; the page sets it with textContent");

            // a token one character off, a short one, and none reach nothing, with the same answer
            String off = (t1.charAt(0) == 'A' ? 'B' : 'A') + t1.substring(1);
            for (String bad : List.of(off, "x", "%2e%2e")) {
                WebClient.Reply r = new WebClient(http, server.port(), bad).get("screen");
                assertEquals(404, r.status(), bad);
                assertEquals("unknown link", r.json().get("error").asText(), "the same answer for every wrong token");
            }
            // P02's images are not P01's to fetch
            List<String> mine = imageIds(server, db, "P01");
            List<String> theirs = imageIds(server, db, "P02");
            String onlyTheirs = theirs.stream().filter(id -> !mine.contains(id)).findFirst().orElseThrow();
            assertEquals(200, p1.get("image?id=" + java.net.URLEncoder.encode(mine.get(0), "UTF-8")).status());
            assertEquals(404, p1.get("image?id=" + java.net.URLEncoder.encode(onlyTheirs, "UTF-8")).status());

            assertEquals(400, p1.post("answer", "not json").status());
            assertEquals(400, p1.post("answer", "{\"trial\":0,\"button\":7,\"rt_ms\":500}").status());
            assertEquals(400, p1.post("answer", "{\"trial\":0,\"button\":1,\"rt_ms\":-3}").status());
            assertEquals(400, p1.post("answer", "{\"trial\":\"0\",\"button\":1,\"rt_ms\":500}").status());
            assertEquals(400, p1.post("event", "{\"kind\":\"drop table\"}").status());
            assertEquals(413, p1.post("event", "{\"kind\":\"screen\",\"detail\":\"" + "x".repeat(5000) + "\"}")
                    .status());

            // headers: a strict CSP, no sniffing, no framing, no server version
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + "/s/" + t1)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
            assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
            assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));
            assertTrue(page.headers().firstValue("Server").isEmpty(), page.headers().map().toString());
            assertFalse(page.body().contains("cdn") || page.body().contains("http://") || page.body().contains("https://"),
                    "no third-party resource on the page");

            // rate limit: 2 per second with bursts of 5, so 12 quick continues are not all served
            int limited = 0;
            for (int i = 0; i < 12; i++) {
                if (p1.post("proceed", "{\"seq\":0}").status() == 429) {
                    limited++;
                }
            }
            assertTrue(limited >= 5, "rate-limited requests: " + limited);
        }
        try (JudgmentStore store = JudgmentStore.open(db)) {
            assertEquals(0, store.countResponses(), "nothing was answered by any of the refused requests");
        }
    }

    private static List<String> imageIds(StudyWebServer server, Path db, String participant) {
        try (JudgmentStore store = JudgmentStore.open(StudyLocation.processOnly(db))) {
            return store.sessionTrials(server.study(), participant, StudyDesign.SESSION).stream()
                    .flatMap(t -> t.plan().imageIds().stream()).toList();
        }
    }

    @Test
    void prolificEntryMapsEachPidToOnePseudonymAndStoresOnlyItsHash() throws Exception {
        Path db = tmp.resolve("pro.db");
        WebFixtures.create(db, 2, 4, 1, 40);
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        try (StudyWebServer server = StudyWebServer.start(WebStudyConfig.defaults(db, null, 0))) {
            String base = "http://127.0.0.1:" + server.port() + "/p/" + server.tokens().entryToken();
            java.util.function.Function<String, HttpResponse<String>> enter = q -> {
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(base + q)).build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            HttpResponse<String> a = enter.apply("?PROLIFIC_PID=5f1a2b3c4d&STUDY_ID=st1&SESSION_ID=se1");
            assertEquals(303, a.statusCode());
            assertEquals("/s/" + server.tokens().token("P01"), a.headers().firstValue("Location").orElseThrow());
            assertEquals(a.headers().firstValue("Location"),
                    enter.apply("?PROLIFIC_PID=5f1a2b3c4d&STUDY_ID=st1&SESSION_ID=se2").headers().firstValue("Location"),
                    "the same person comes back to the same pseudonym");
            assertEquals("/s/" + server.tokens().token("P02"),
                    enter.apply("?PROLIFIC_PID=otherperson1").headers().firstValue("Location").orElseThrow());
            assertEquals(410, enter.apply("?PROLIFIC_PID=thirdperson").statusCode(), "the study is full");
            assertEquals(400, enter.apply("?PROLIFIC_PID=%3Cscript%3E").statusCode());
            assertEquals(400, enter.apply("").statusCode());
            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + "/p/" + server.tokens().token("P01") + "?PROLIFIC_PID=abc")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, wrong.statusCode(), "a personal token is not the entry token");
        }
        try (JudgmentStore store = JudgmentStore.open(db)) {
            Map<String, Map<String, String>> props = store.participantProperties(WebFixtures.STUDY);
            assertEquals("prolific", props.get("P01").get("recruitment"));
            assertEquals(LinkTokens.externalIdHash("prolific", "5f1a2b3c4d"),
                    props.get("P01").get(ParticipantRecords.EXTERNAL_ID));
            assertFalse(props.toString().contains("5f1a2b3c4d"), "the PID itself is never stored: " + props);
            assertEquals("st1", props.get("P01").get("prolific_study_id"));
        }
    }

    @Test
    void exportOfAWebSessionNamesSidesButtonsAndParticipantsWithACodebook() throws Exception {
        Path db = tmp.resolve("exp.db");
        WebFixtures.create(db, 1, 4, 1, 40);
        try (StudyWebServer server = StudyWebServer.start(WebStudyConfig.defaults(db, null, 0))) {
            WebClient c = new WebClient(WebClient.http(), server.port(), server.tokens().token("P01"));
            HttpClient http = WebClient.http();
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/s/"
                    + server.tokens().token("P01"))).build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(200, c.post("event", "{\"kind\":\"screen\",\"detail\":\"1920x1080@1 window 1280x800\","
                    + "\"browser\":\"TestBrowser/1.0\"}").status());
            runSession(c, 2);
        }
        Path out = Files.createDirectories(tmp.resolve("export")).resolve("trials.json");
        try (JudgmentStore store = JudgmentStore.open(db)) {
            List<Judgment> js = store.judgments(null);
            ParticipantRecords records = ParticipantRecords.read(store, js);
            Exclusions.Result r = Exclusions.apply(js, new Exclusions.Criteria(null, null, null, 3600.0, null, null,
                    null, true), records.facts());
            assertTrue(r.excludedParticipants().get(0).reason().startsWith("instructions"), "a session answered"
                    + " by a script spends under an hour on the instructions: " + r.excludedParticipants());
            TrialExport.write(out, "json", js, r, records);
        }
        JsonNode rows = org.ipb.core.Json.MAPPER.readTree(out.toFile());
        JsonNode row = rows.get(rows.size() - 1);
        assertEquals("web", row.get("source").asText());
        assertEquals("link", row.get("recruitment").asText());
        assertEquals("1920x1080@1 window 1280x800", row.get("screen").asText());
        assertEquals("TestBrowser/1.0", row.get("browser").asText());
        assertEquals("pca", row.get("method").asText());
        assertEquals(2, row.get("button").asInt());
        assertEquals(2, row.get("confidence").asInt());
        assertEquals("fairly sure", row.get("confidence_label").asText());
        assertEquals("left", row.get("chosen_position").asText());
        assertTrue(row.get("instructions_s").asDouble() >= 0);
        assertTrue(row.get("session_s").asDouble() >= row.get("instructions_s").asDouble());
        JsonNode codebook = org.ipb.core.Json.MAPPER.readTree(out.resolveSibling("codebook.json").toFile());
        assertEquals(TrialExport.COLUMNS.size(), codebook.get("columns").size());
        assertTrue(Files.readString(out.resolveSibling("codebook.md")).contains("| `confidence` |"));
    }

    @Test
    void aDatabaseWithoutAStudyOrWithSeveralIsAOneLineError() throws Exception {
        UserError missing = assertThrows(UserError.class,
                () -> StudyWebServer.start(WebStudyConfig.defaults(tmp.resolve("none.db"), null, 0)));
        assertTrue(missing.getMessage().contains("no such judgment database"), missing.getMessage());
        Path db = tmp.resolve("one.db");
        WebFixtures.create(db, 1, 2, 0, 40);
        UserError unknown = assertThrows(UserError.class,
                () -> StudyWebServer.start(WebStudyConfig.defaults(db, "other", 0)));
        assertTrue(unknown.getMessage().contains("no study named 'other'"), unknown.getMessage());
    }
}
