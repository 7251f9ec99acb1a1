package org.ipb.leaderboards.stats;

import java.util.Collection;
import java.util.SplittableRandom;

/**
 * Split-half noise ceiling of per-direction human accuracy: how well the human data agree with
 * themselves, and so the best correlation any scorer can be expected to reach with them.
 *
 * <p>Definition (internal consistency as in Brain-Score's behavioural benchmarks, Schrimpf et al.
 * 2018, bioRxiv 407007, and Rajalingham et al. 2018, J. Neurosci. 38(33)): for each of R seeded
 * splits, participants are shuffled and cut into two halves (⌊P/2⌋ and ⌈P/2⌉); per-direction
 * accuracy is computed in each half, directions with no trials in a half are dropped for that
 * split, and the two accuracy vectors are correlated (Pearson or Spearman). Each half correlation
 * r is corrected to the full sample with the Spearman-Brown formula r_full = 2r / (1 + r)
 * (Spearman 1910, Brown 1910; {@link Correlations#spearmanBrown(double)}), and the reliability is
 * the mean of r_full over the splits on which r was defined (at least 3 shared directions, spread in
 * both halves).
 *
 * <p>The 95 % interval is a percentile bootstrap over participants: each replicate draws P
 * participants with replacement and repeats the split-half estimate with {@code bootstrapSplits}
 * splits. The distinct participants drawn are split in half, and a participant drawn more than once
 * brings all its copies to its half: copies on both sides would agree perfectly with each other and
 * bias the replicate upwards (with pure-noise data, to about 0.4 instead of 0). Copies add weight but
 * no independent information, so a half of a replicate is worth fewer participants than its draws;
 * the replicate therefore uses the general Spearman-Brown formula r_full = kr / (1 + (k − 1)r) with
 * k = P / n_eff, n_eff the mean over the two halves of Kish's effective sample size (Σw)² / Σw²
 * (Kish 1965, "Survey Sampling"), w the copies of each participant. Without duplicates n_eff = P/2
 * and k = 2, the point-estimate formula; with the plain k = 2 the replicates came out well below
 * the point estimate (about 0.1 lower at a reliability of 0.9 in simulations). A replicate corrects
 * the mean of its half correlations once, with the mean k, rather than averaging corrected values:
 * with k above 2 the formula diverges at r = −1/(k − 1), which single splits of noisy data reach.
 */
public final class SplitHalfCeiling {
    /**
     * @param splits random splits R for the point estimate
     * @param bootstrap bootstrap replicates B for the interval (0: no interval)
     * @param bootstrapSplits random splits within each bootstrap replicate
     * @param method PEARSON or SPEARMAN (Spearman-Brown is derived for product-moment correlations;
     *     Kendall's tau is not offered)
     * @param seed seed of every random choice
     */
    public record Config(int splits, int bootstrap, int bootstrapSplits, Correlations.Method method, long seed) {
        public Config {
            if (splits < 1 || bootstrap < 0 || bootstrapSplits < 1) {
                throw new IllegalArgumentException("need splits >= 1, bootstrap >= 0, bootstrapSplits >= 1");
            }
            if (method == Correlations.Method.KENDALL_TAU_B) {
                throw new IllegalArgumentException("split-half ceiling supports PEARSON and SPEARMAN");
            }
        }

        /** 100 splits, 1000 bootstrap replicates of 20 splits each, Pearson. */
        public static Config defaults(long seed) {
            return new Config(100, 1000, 20, Correlations.Method.PEARSON, seed);
        }
    }

    /**
     * @param reliability mean Spearman-Brown corrected split-half correlation (the ceiling)
     * @param meanHalfCorrelation mean uncorrected correlation between halves
     * @param ci95 percentile bootstrap interval of the reliability
     * @param splitsUsed splits on which the half correlation was defined
     */
    public record Result(Correlations.Method method, double reliability, double meanHalfCorrelation, Interval ci95,
            int splitsUsed, int participants, int directions) {}

    private SplitHalfCeiling() {}

    /**
     * The ceiling of a set of trials.
     *
     * @throws IllegalArgumentException with fewer than 2 participants
     */
    public static Result estimate(Collection<TrialOutcome> trials, Config config) {
        TrialTable table = TrialTable.of(trials);
        if (table.participantCount() < 2) {
            throw new IllegalArgumentException("split-half needs at least 2 participants, got "
                    + table.participantCount());
        }
        SplittableRandom master = new SplittableRandom(config.seed());
        SplittableRandom splitRng = master.split();
        SplittableRandom bootRng = master.split();
        double[] point = splitHalf(table, table.allParticipants(), config.splits(), config.method(), splitRng);
        double[] replicates = new double[config.bootstrap()];
        for (int b = 0; b < replicates.length; b++) {
            int[] sample = table.resampleParticipants(bootRng);
            replicates[b] = splitHalf(table, sample, config.bootstrapSplits(), config.method(), bootRng)[3];
        }
        Interval ci = replicates.length == 0 ? Interval.UNDEFINED : Interval.percentile95(replicates);
        return new Result(config.method(), point[0], point[1], ci, (int) point[2], table.participantCount(),
                table.directionCount());
    }

    /**
     * {mean corrected r, mean half r, splits used, r of the mean half r corrected with the mean
     * factor} over random splits of {@code participants}, a
     * multiset of participant indices. The distinct participants are split in half and every copy of
     * a participant goes with it: copies in both halves would agree with themselves and inflate the
     * reliability.
     */
    private static double[] splitHalf(TrialTable table, int[] participants, int splits, Correlations.Method method,
            SplittableRandom rng) {
        int[] copies = new int[table.participantCount()];
        for (int p : participants) {
            copies[p]++;
        }
        int[] distinct = java.util.stream.IntStream.range(0, copies.length).filter(p -> copies[p] > 0).toArray();
        if (distinct.length < 2) {
            return new double[] {Double.NaN, Double.NaN, 0, Double.NaN};
        }
        int half = distinct.length / 2;
        int[] order = new int[participants.length];
        int[] all = new int[table.directionCount()];
        for (int d = 0; d < all.length; d++) {
            all[d] = d;
        }
        double sumCorrected = 0;
        double sumHalf = 0;
        double sumFactor = 0;
        int used = 0;
        for (int s = 0; s < splits; s++) {
            TrialTable.shuffle(distinct, rng);
            int filled = 0;
            int firstHalfEnd = 0;
            for (int i = 0; i < distinct.length; i++) {
                for (int c = 0; c < copies[distinct[i]]; c++) {
                    order[filled++] = distinct[i];
                }
                if (i == half - 1) {
                    firstHalfEnd = filled;
                }
            }
            double[] a = table.accuracy(order, 0, firstHalfEnd);
            double[] b = table.accuracy(order, firstHalfEnd, order.length);
            // Kish effective size (Σw)² / Σw² of each half, w the copies of each participant in it.
            double sumA = 0;
            double sqA = 0;
            double sumB = 0;
            double sqB = 0;
            for (int i = 0; i < distinct.length; i++) {
                double w = copies[distinct[i]];
                if (i < half) {
                    sumA += w;
                    sqA += w * w;
                } else {
                    sumB += w;
                    sqB += w * w;
                }
            }
            double factor = participants.length / ((sumA * sumA / sqA + sumB * sumB / sqB) / 2);
            double[][] pairs = TrialTable.finitePairs(a, b, all);
            if (pairs[0].length < 3) {
                continue;
            }
            double r = method.apply(pairs[0], pairs[1]);
            double corrected = Correlations.spearmanBrown(r, factor);
            if (!Double.isFinite(corrected)) {
                continue;
            }
            sumCorrected += corrected;
            sumHalf += r;
            sumFactor += factor;
            used++;
        }
        return used == 0
                ? new double[] {Double.NaN, Double.NaN, 0, Double.NaN}
                : new double[] {sumCorrected / used, sumHalf / used, used,
                    Correlations.spearmanBrown(sumHalf / used, sumFactor / used)};
    }
}
