package org.ipb.study.web;

import java.nio.file.Path;
import org.ipb.core.UserError;

/**
 * What {@code ipb study web} serves and how.
 *
 * @param db the judgment database file (opened by this process only)
 * @param study the study to serve, or null for the database's only study
 * @param bind the address to listen on ({@code 127.0.0.1} by default: put a TLS proxy in front to expose it)
 * @param port the TCP port; 0 picks a free one
 * @param consentText the consent page's text (plain text; null for the default)
 * @param completionCode a study-wide completion code (as a recruitment platform gives one), or null
 *     for a code per participant derived from the study's key
 * @param answersPerSecond sustained answer/continue requests per participant per second
 * @param burst how many such requests may come at once
 */
public record WebStudyConfig(Path db, String study, String bind, int port, String consentText, String completionCode,
        double answersPerSecond, int burst) {
    /** The default consent text; a lab replaces it with its ethics board's wording ({@code --consent FILE}). */
    public static final String DEFAULT_CONSENT = "This is a study on how people see the features of neural networks."
            + " You will see sets of images and choose, in each trial, which of two images belongs with a set."
            + " It takes about 15 minutes. Your answers and response times are stored under a pseudonym, never"
            + " with your name; you may stop at any time by closing this page. By continuing you agree to take part.";

    public WebStudyConfig {
        if (port < 0 || port > 65535) {
            throw new UserError("--port must be 0..65535: " + port);
        }
        if (bind == null || bind.isBlank()) {
            throw new UserError("--bind must name an address, e.g. 127.0.0.1");
        }
        if (!(answersPerSecond > 0) || burst < 1) {
            throw new UserError("rate limits must be positive");
        }
        if (consentText == null) {
            consentText = DEFAULT_CONSENT;
        }
        if (consentText.length() > 20_000) {
            throw new UserError("the consent text is longer than 20,000 characters");
        }
        if (completionCode != null && !completionCode.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new UserError("--completion-code must be 1-64 letters, digits, - or _: " + completionCode);
        }
    }

    /** The consent text of a plain-text file (UTF-8), as {@code --consent FILE} gives it. */
    public static String readConsent(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new UserError(file, "cannot read the consent text: " + e.getMessage(), e);
        }
    }

    /** Defaults: localhost, 10 answers per second per participant with bursts of 20. */
    public static WebStudyConfig defaults(Path db, String study, int port) {
        return new WebStudyConfig(db, study, "127.0.0.1", port, null, null, 10, 20);
    }
}
