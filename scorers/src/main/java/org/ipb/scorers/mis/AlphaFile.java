package org.ipb.scorers.mis;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.ipb.core.Json;
import org.ipb.core.UserError;

/**
 * An MIS slope alpha fitted to human 2-AFC responses for one observer ({@code ipb mis fit-alpha}),
 * with how it was fitted. The soft MIS ({@code mis.confidence}) takes alpha only from such a file,
 * and only for the observer named in it: alpha turns that observer's similarity differences into
 * choice probabilities and means nothing for another embedding.
 *
 * @param observer the observer's name as {@code Observer.name()} reports it (e.g.
 *     {@code fmnist-observer:embed}, {@code pixels})
 * @param alpha maximum-likelihood slope of P(correct) = sigmoid(alpha · delta) on the fitting half
 * @param standardError from the observed information (0 at the bound)
 * @param atBound true when the responses were separable and the fit stopped at its upper bound
 * @param fit what it was fitted on and how it did on the held-out half
 * @param provenance ipb version, time, inputs
 */
@JsonPropertyOrder({"kind", "formatVersion", "observer", "alpha", "standardError", "atBound", "fit", "provenance"})
public record AlphaFile(String kind, int formatVersion, String observer, double alpha, double standardError,
        boolean atBound, Fit fit, Map<String, Object> provenance) {
    public static final String KIND = "ipb-mis-alpha";
    public static final int FORMAT_VERSION = 1;

    /**
     * The fit: directions split at random (seeded) into a fitting and a held-out half; alpha is
     * fitted by maximum likelihood on the fitting half's human trials; on the held-out half each
     * direction's soft MIS under that alpha is correlated with its human accuracy.
     *
     * @param studyDb the judgment database, and {@code studyDbSha256} its digest at fit time
     * @param humanTrials human main, non-catch trials matched to tasks (both halves)
     * @param simulatedIgnored responses of simulated participants that were left out
     */
    @JsonPropertyOrder({"studyDb", "studyDbSha256", "seed", "humanTrials", "participants", "simulatedIgnored",
        "fitDirections", "fitTrials", "heldOutDirections", "heldOutTrials", "heldOutPearson", "heldOutSpearman",
        "heldOutLogLikelihoodPerTrial", "chanceLogLikelihoodPerTrial"})
    public record Fit(String studyDb, String studyDbSha256, long seed, int humanTrials, int participants,
            int simulatedIgnored, int fitDirections, int fitTrials, int heldOutDirections, int heldOutTrials,
            double heldOutPearson, double heldOutSpearman, double heldOutLogLikelihoodPerTrial,
            double chanceLogLikelihoodPerTrial) {}

    /** Reads an alpha file strictly; every problem is a one-line error naming the file. */
    public static AlphaFile read(Path file) {
        AlphaFile a;
        try {
            a = Json.MAPPER.readerFor(AlphaFile.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(file.toFile());
        } catch (IOException e) {
            throw new UserError(file, "not an MIS alpha file: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (!KIND.equals(a.kind()) || a.formatVersion() != FORMAT_VERSION) {
            throw new UserError(file, "not an MIS alpha file (kind " + a.kind() + ", format " + a.formatVersion()
                    + "; expected " + KIND + " format " + FORMAT_VERSION + ")");
        }
        if (a.observer() == null || a.observer().isBlank()) {
            throw new UserError(file, "names no observer");
        }
        if (!(a.alpha() > 0) || !Double.isFinite(a.alpha())) {
            throw new UserError(file, "alpha must be finite and positive, got " + a.alpha());
        }
        return a;
    }

    /** This file's alpha for {@code observer}; any other observer is a one-line error naming the file. */
    public double alphaFor(String observerName, Path file) {
        if (!observer.equals(observerName)) {
            throw new UserError(file, "alpha was fitted for observer " + observer + ", not for " + observerName
                    + "; an alpha applies only to the observer it was fitted for (fit one with ipb mis fit-alpha)");
        }
        return alpha;
    }
}
