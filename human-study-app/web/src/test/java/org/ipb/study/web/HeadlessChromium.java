package org.ipb.study.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium driven through Debian's chromedriver, never a downloaded one (Selenium Manager
 * is not asked: the driver's path is given). Runs wherever both are installed and is required under
 * CI ({@code .ci/run} installs them), where a missing browser fails the test instead of skipping it.
 */
final class HeadlessChromium {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {}

    /** A fresh headless browser with its own profile under {@code profile}. */
    static ChromeDriver start(Path profile) throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (System.getenv("CI") != null) {
            assertTrue(present, "CI needs Debian chromium and chromium-driver (" + CHROMIUM + ", " + DRIVER + ")");
        } else {
            Assumptions.assumeTrue(present, "chromium and chromium-driver are not installed");
        }
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        // The network is closed here: without these Chromium waits on connections it will never get.
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,900", "--screen-info={1400x900}", "--user-data-dir=" + Files.createDirectories(
                        profile).toAbsolutePath());
        ChromeDriverService svc = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort().withTimeout(Duration.ofSeconds(60)).build();
        ChromeDriver d = new ChromeDriver(svc, o);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return d;
    }
}
