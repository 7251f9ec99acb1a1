package org.ipb.study.session;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ipb.core.UserError;
import org.ipb.study.importer.CsvReader;

/**
 * The latent interpretability of each direction that a {@link SimulatedObserver} answers from:
 * drawn at random, or a machine score standardised over the study's directions (so that a
 * simulation can test whether a scorer's ranking survives a psychometric observer).
 */
public final class SimulatedLatents {
    private SimulatedLatents() {}

    /** Seeded N(0.25, 0.75²) per direction, in the study's order. */
    public static Map<String, Double> drawn(List<String> directions, long seed) {
        Random rng = new Random(seed ^ 0x5DEECE66DL);
        Map<String, Double> m = new LinkedHashMap<>();
        for (String d : directions) {
            m.put(d, 0.25 + 0.75 * rng.nextGaussian());
        }
        return m;
    }

    /**
     * The z-scored {@code score} column of a score table ({@code ipb score}'s CSV: at least
     * {@code direction} and {@code score}; rows of {@code scorer} only when it and a {@code scorer}
     * column are given), for every direction of the study.
     *
     * @throws UserError naming {@code csv} for a missing column, a non-numeric score or a direction without one
     */
    public static Map<String, Double> fromScores(Path csv, String scorer, List<String> directions) {
        Map<String, Double> raw = new LinkedHashMap<>();
        try (Reader r = Files.newBufferedReader(csv); CsvReader in = new CsvReader(r)) {
            List<String> header = in.next();
            if (header == null || !header.contains("direction") || !header.contains("score")) {
                throw new UserError(csv, "needs columns direction and score");
            }
            int di = header.indexOf("direction");
            int si = header.indexOf("score");
            int ci = header.indexOf("scorer");
            List<String> row;
            while ((row = in.next()) != null) {
                if (scorer != null && ci >= 0 && !scorer.equals(row.get(ci))) {
                    continue;
                }
                try {
                    raw.put(row.get(di), Double.parseDouble(row.get(si)));
                } catch (NumberFormatException e) {
                    throw new UserError(csv, "line " + in.line() + ": score is not a number: " + row.get(si));
                }
            }
        } catch (IOException e) {
            throw new UserError(csv, "cannot read the scores: " + e.getMessage(), e);
        }
        double mean = raw.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double var = raw.values().stream().mapToDouble(v -> (v - mean) * (v - mean)).average().orElse(0);
        double sd = var > 0 ? Math.sqrt(var) : 1;
        Map<String, Double> m = new LinkedHashMap<>();
        for (String d : directions) {
            Double v = raw.get(d);
            if (v == null) {
                throw new UserError(csv, "no score for direction " + d + (scorer == null ? "" : " (scorer " + scorer + ")"));
            }
            m.put(d, (v - mean) / sd);
        }
        return m;
    }
}
