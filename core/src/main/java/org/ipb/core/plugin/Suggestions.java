package org.ipb.core.plugin;

import java.util.Collection;
import java.util.Locale;

/** The nearest known name to a mistyped one (Levenshtein distance, at most a third of its length + 1). */
public final class Suggestions {
    private Suggestions() {}

    /** The closest of {@code known} to {@code typed}, or null when none is close. */
    public static String nearest(String typed, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String t = typed.toLowerCase(Locale.ROOT);
        for (String k : known) {
            int d = distance(t, k.toLowerCase(Locale.ROOT));
            if (k.toLowerCase(Locale.ROOT).startsWith(t) && t.length() >= 2) {
                d = Math.min(d, 1);
            }
            if (d < bestDistance || (d == bestDistance && best != null && k.compareTo(best) < 0)) {
                best = k;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= typed.length() / 3 + 1 ? best : null;
    }

    /** Levenshtein distance (insertions, deletions, substitutions, each 1). */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }
}
