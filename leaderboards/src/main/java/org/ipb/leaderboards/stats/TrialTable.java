package org.ipb.leaderboards.stats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Trials counted per participant and direction, so that per-direction accuracy of any multiset of
 * participants (a split half, a bootstrap resample) is a sum of counts. Participants and directions
 * are indexed in sorted order, which makes seeded resampling independent of input order.
 */
final class TrialTable {
    final List<String> participants;
    final List<String> directions;
    /** trials[p][d] and correct[p][d]: counts of participant p on direction d. */
    final int[][] trials;
    final int[][] correct;

    private TrialTable(List<String> participants, List<String> directions, int[][] trials, int[][] correct) {
        this.participants = participants;
        this.directions = directions;
        this.trials = trials;
        this.correct = correct;
    }

    static TrialTable of(Collection<TrialOutcome> outcomes) {
        TreeSet<String> ps = new TreeSet<>();
        TreeSet<String> ds = new TreeSet<>();
        for (TrialOutcome t : outcomes) {
            ps.add(t.participant());
            ds.add(t.direction());
        }
        TreeMap<String, Integer> pIndex = index(ps);
        TreeMap<String, Integer> dIndex = index(ds);
        int[][] n = new int[ps.size()][ds.size()];
        int[][] k = new int[ps.size()][ds.size()];
        for (TrialOutcome t : outcomes) {
            int p = pIndex.get(t.participant());
            int d = dIndex.get(t.direction());
            n[p][d]++;
            if (t.correct()) {
                k[p][d]++;
            }
        }
        return new TrialTable(List.copyOf(ps), List.copyOf(ds), n, k);
    }

    private static TreeMap<String, Integer> index(TreeSet<String> keys) {
        TreeMap<String, Integer> out = new TreeMap<>();
        for (String key : keys) {
            out.put(key, out.size());
        }
        return out;
    }

    int participantCount() {
        return participants.size();
    }

    int directionCount() {
        return directions.size();
    }

    /** Per-direction accuracy over the given participants (with multiplicity); NaN without trials. */
    double[] accuracy(int[] participantIndices, int from, int to) {
        int dCount = directions.size();
        long[] n = new long[dCount];
        long[] k = new long[dCount];
        for (int i = from; i < to; i++) {
            int[] pn = trials[participantIndices[i]];
            int[] pk = correct[participantIndices[i]];
            for (int d = 0; d < dCount; d++) {
                n[d] += pn[d];
                k[d] += pk[d];
            }
        }
        double[] acc = new double[dCount];
        for (int d = 0; d < dCount; d++) {
            acc[d] = n[d] == 0 ? Double.NaN : (double) k[d] / n[d];
        }
        return acc;
    }

    double[] accuracy(int[] participantIndices) {
        return accuracy(participantIndices, 0, participantIndices.length);
    }

    int[] allParticipants() {
        int[] all = new int[participants.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    /** As many participants as there are, drawn uniformly with replacement. */
    int[] resampleParticipants(SplittableRandom rng) {
        int[] out = new int[participants.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rng.nextInt(out.length);
        }
        return out;
    }

    /** Fisher-Yates shuffle in place. */
    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    /** Pairs (x[i], y[i]) for the given indices where both are finite, as two arrays. */
    static double[][] finitePairs(double[] x, double[] y, int[] indices) {
        List<double[]> pairs = new ArrayList<>(indices.length);
        for (int i : indices) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                pairs.add(new double[] {x[i], y[i]});
            }
        }
        double[][] out = new double[2][pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            out[0][i] = pairs.get(i)[0];
            out[1][i] = pairs.get(i)[1];
        }
        return out;
    }
}
