package org.ipb.study.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.ipb.study.design.StudyDesign;
import org.ipb.study.store.Judgment;
import org.ipb.study.store.JudgmentStore;
import org.ipb.study.store.JudgmentStore.StoredTrial;
import org.ipb.study.store.StudyLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A whole session clicked through in real headless Chromium: consent (its text shown as text, not
 * HTML), instructions, practice with feedback, main and catch trials, breaks, the completion code;
 * a reload in the middle comes back at the first unanswered trial; the next trial's images are
 * fetched while a trial is on screen; every trial is one row in H2.
 * Saves a screenshot of a main trial as {@code target/web-trial.png}.
 */
class WebBrowserSessionTest {
    static final Path SCREENSHOT = Path.of("target", "web-trial.png");

    @Test
    void wholeSessionClickedThroughInChromiumWithAReloadMidSession(@TempDir Path tmp) throws Exception {
        Path db = tmp.resolve("browser.db");
        WebFixtures.create(db, 2, 6, 2, 4);
        StudyWebServer server = StudyWebServer.start(new WebStudyConfig(db, null, "127.0.0.1", 0,
                "Please read this. <b>Not bold</b> <img src=x onerror=alert(1)>\n\nSecond paragraph.", null, 10, 20));
        ChromeDriver d = HeadlessChromium.start(tmp.resolve("profile"));
        String reloadedAt = null;
        String expectedAfterReload = null;
        int answered = 0;
        try {
            d.get("http://127.0.0.1:" + server.port() + "/s/" + server.tokens().token("P02"));
            PageDriver page = new PageDriver(d, 5);
            assertEquals("consent", page.waitReady("loading", null));
            String consent = d.findElement(By.id("body")).getText();
            assertTrue(consent.contains("<b>Not bold</b> <img src=x onerror=alert(1)>"), consent);
            assertEquals(0, d.findElements(By.cssSelector("#body b, #body img")).size(), "no HTML from the text");
            assertEquals(2, d.findElements(By.cssSelector("#body p")).size());

            String prevKind = "loading";
            String prevTrial = null;
            boolean shot = false;
            for (int guard = 0; guard < 200; guard++) {
                String k = page.waitReady(prevKind, prevTrial);
                if (k.equals("finished")) {
                    break;
                }
                String t = page.trial();
                boolean practice = d.findElement(By.id("practice")).isDisplayed();
                if (k.equals("trial") && !practice && !shot) {
                    // the next trial's images are fetched while this one is on screen (preloading)
                    List<String> next = nextTrialImages(server, db, "P02");
                    new org.openqa.selenium.support.ui.WebDriverWait(d, java.time.Duration.ofSeconds(10)).until(x ->
                            loadedImages(d).containsAll(next));
                    assertEquals(9, d.findElements(By.cssSelector("#min-grid img")).size());
                    assertEquals(9, d.findElements(By.cssSelector("#max-grid img")).size());
                    Files.createDirectories(SCREENSHOT.getParent());
                    Files.copy(d.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT,
                            StandardCopyOption.REPLACE_EXISTING);
                    shot = true;
                }
                if (k.equals("trial") && !practice && answered >= 6 && reloadedAt == null) {
                    reloadedAt = t;
                    d.navigate().refresh();
                    expectedAfterReload = String.valueOf(firstUnanswered(server, db, "P02"));
                    assertEquals("trial", page.waitReady("loading", null));
                    assertEquals(expectedAfterReload, page.trial(), "a reload shows the first unanswered trial");
                    t = page.trial();
                }
                page.act(k);
                if (k.equals("trial")) {
                    answered++;
                }
                prevKind = k;
                prevTrial = t;
            }
            assertEquals("finished", page.kind());
            assertEquals(server.tokens().completionCode("P02"), d.findElement(By.id("code")).getText());
            assertTrue(shot, "a main trial was shown");
        } finally {
            d.quit();
            server.close();
        }
        assertTrue(reloadedAt != null, "the page was reloaded mid-session");
        assertEquals(reloadedAt, expectedAfterReload, "the trial on screen was the first unanswered one");
        try (JudgmentStore store = JudgmentStore.open(db)) {
            List<StoredTrial> ts = store.sessionTrials(WebFixtures.STUDY, "P02", StudyDesign.SESSION);
            assertTrue(ts.stream().allMatch(StoredTrial::answered));
            assertEquals(answered, ts.size(), "every trial clicked is one row");
            List<Judgment> js = store.judgments(WebFixtures.STUDY);
            assertEquals(ts.size(), js.size());
            for (Judgment j : js) {
                assertEquals("web", j.source());
                assertTrue(j.rtS() > 0 && j.rtS() < 30, "rt from the first frame to the click: " + j.rtS());
                assertTrue(j.onset() != null);
            }
            List<String> events = store.eventKinds(WebFixtures.STUDY, "P02", StudyDesign.SESSION);
            assertTrue(events.contains("consent") && events.contains("frame_timing") && events.contains("session_end"),
                    events.toString());
            Map<String, String> props = store.participantProperties(WebFixtures.STUDY).get("P02");
            assertEquals("link", props.get("recruitment"));
            assertTrue(props.get("browser").contains("Chrome"), props.toString());
            assertTrue(props.get("screen").contains("window 1400x"), props.toString());
        }
    }

    /** The image ids of the trial after the first unanswered one. */
    private static List<String> nextTrialImages(StudyWebServer server, Path db, String participant) {
        try (JudgmentStore store = JudgmentStore.open(StudyLocation.processOnly(db))) {
            List<StoredTrial> open = store.sessionTrials(server.study(), participant, StudyDesign.SESSION).stream()
                    .filter(t -> !t.answered()).toList();
            return open.get(1).plan().imageIds();
        }
    }

    /** Stimulus ids the page has fetched, from the browser's resource timing entries. */
    @SuppressWarnings("unchecked")
    private static java.util.Set<String> loadedImages(ChromeDriver d) {
        List<String> urls = (List<String>) d.executeScript("return performance.getEntriesByType('resource')"
                + ".map(e => e.name).filter(n => n.includes('/image?id='))"
                + ".map(n => decodeURIComponent(n.substring(n.indexOf('id=') + 3)));");
        return new java.util.HashSet<>(urls);
    }

    private static int firstUnanswered(StudyWebServer server, Path db, String participant) {
        try (JudgmentStore store = JudgmentStore.open(StudyLocation.processOnly(db))) {
            return store.sessionTrials(server.study(), participant, StudyDesign.SESSION).stream()
                    .filter(t -> !t.answered()).findFirst().orElseThrow().plan().trialIndex();
        }
    }
}
