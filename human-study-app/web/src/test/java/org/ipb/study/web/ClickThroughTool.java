package org.ipb.study.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Not a test of its own: a tool that clicks a running {@code ipb study web} (a real study, e.g. on
 * the embedded default) through to the end in headless Chromium and saves a screenshot of its first
 * main trial. Runs only when given a link: {@code mvn test -pl human-study-app/web -am
 * -Dtest=ClickThroughTool -Dipb.web.link=URL -Dipb.web.screenshot=FILE}.
 */
class ClickThroughTool {
    @Test
    void clickThrough(@TempDir Path tmp) throws Exception {
        String link = System.getProperty("ipb.web.link");
        Assumptions.assumeTrue(link != null, "a tool: give -Dipb.web.link=URL");
        Path shot = Path.of(System.getProperty("ipb.web.screenshot", "target/click-through.png"));
        ChromeDriver d = HeadlessChromium.start(tmp.resolve("profile"));
        try {
            d.get(link);
            PageDriver page = new PageDriver(d, 3);
            String prevKind = "loading";
            String prevTrial = null;
            boolean saved = false;
            int trials = 0;
            for (int guard = 0; guard < 2000; guard++) {
                String k = page.waitReady(prevKind, prevTrial);
                if (k.equals("finished")) {
                    break;
                }
                if (k.equals("trial") && !saved && !d.findElement(By.id("practice")).isDisplayed()) {
                    Files.copy(d.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
                    saved = true;
                }
                prevTrial = page.trial();
                page.act(k);
                trials += k.equals("trial") ? 1 : 0;
                prevKind = k;
            }
            assertEquals("finished", page.kind());
            System.out.println("clicked through " + trials + " trials; completion code "
                    + d.findElement(By.id("code")).getText() + "; screenshot " + shot.toAbsolutePath());
        } finally {
            d.quit();
        }
    }
}
