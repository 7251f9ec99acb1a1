package org.ipb.study.web;

import java.time.Duration;
import java.util.Random;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Clicks through the study page as a participant would, reading what is on screen from the page's data attributes. */
final class PageDriver {
    private final WebDriver d;
    private final Random rng;

    PageDriver(WebDriver d, long seed) {
        this.d = d;
        this.rng = new Random(seed);
    }

    WebElement body() {
        return d.findElement(By.tagName("body"));
    }

    String kind() {
        return body().getAttribute("data-kind");
    }

    /** Waits until the page shows a screen that takes input: a message with its button, or a drawn trial. */
    String waitReady(String previousKind, String previousTrial) {
        try {
            waitFor(previousKind, previousTrial);
        } catch (org.openqa.selenium.TimeoutException e) {
            WebElement b = d.findElement(By.id("continue"));
            try {
                java.nio.file.Files.copy(((org.openqa.selenium.TakesScreenshot) d).getScreenshotAs(
                        org.openqa.selenium.OutputType.FILE).toPath(), java.nio.file.Path.of("target/page-stuck.png"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (java.io.IOException | RuntimeException ignored) {
                // the assertion below says what matters
            }
            System.err.println("rect " + b.getRect().x + "," + b.getRect().y + " " + b.getRect().width + "x"
                    + b.getRect().height + " window " + d.manage().window().getSize());
            throw new AssertionError("the page did not become ready after " + previousKind + " " + previousTrial
                    + " (kind " + kind() + ", continue displayed " + b.isDisplayed() + " enabled " + b.isEnabled()
                    + ")", e);
        }
        return kind();
    }

    private void waitFor(String previousKind, String previousTrial) {
        new WebDriverWait(d, Duration.ofSeconds(30)).until(x -> {
            String k = kind();
            if (k == null || k.equals("loading")) {
                return false;
            }
            if (k.equals("trial")) {
                return "true".equals(body().getAttribute("data-accepting"))
                        && !(previousKind.equals("trial") && String.valueOf(body().getAttribute("data-trial"))
                                .equals(previousTrial));
            }
            if (k.equals("finished")) {
                return true;
            }
            WebElement b = d.findElement(By.id("continue"));
            return !k.equals(previousKind) && b.isDisplayed() && b.isEnabled();
        });
    }

    /** Acts on the screen of kind {@code k}: continue, or answer with a seeded button. */
    void act(String k) {
        if (k.equals("trial")) {
            d.findElement(By.id("response-" + (1 + rng.nextInt(6)))).click();
        } else if (!k.equals("finished")) {
            d.findElement(By.id("continue")).click();
        }
    }

    String trial() {
        return body().getAttribute("data-trial");
    }
}
