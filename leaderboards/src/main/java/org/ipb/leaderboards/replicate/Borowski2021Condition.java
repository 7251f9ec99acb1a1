package org.ipb.leaderboards.replicate;

import java.util.List;

/**
 * One reference condition of Borowski et al. (ICLR 2021), named as the authors' CSVs name it.
 *
 * @param experiment {@code I} or {@code II}
 * @param name Exp I: {@code natural}, {@code synthetic}, {@code none}; Exp II: the CSV's {@code
 *     condition_name} ({@code Min-Max-9}, {@code Min-Max-1}, {@code Max-9}, {@code Max-1})
 * @param reference {@code natural}, {@code synthetic} or {@code none}
 * @param minMax both min and max references are shown (else max references only)
 * @param references references per side (9, 1, or 0 for none)
 */
public record Borowski2021Condition(String experiment, String name, String reference, boolean minMax,
        int references) {

    /**
     * The 11 conditions in table order. Exp I showed 9 min and 9 max references (3x3 grids) or
     * none; Exp II crossed {Min-Max, Max} x {9, 1} x {natural, synthetic}.
     */
    public static final List<Borowski2021Condition> ALL = List.of(
            new Borowski2021Condition("I", "natural", "natural", true, 9),
            new Borowski2021Condition("I", "synthetic", "synthetic", true, 9),
            new Borowski2021Condition("I", "none", "none", true, 0),
            exp2("Min-Max-9", "natural"), exp2("Min-Max-9", "synthetic"),
            exp2("Min-Max-1", "natural"), exp2("Min-Max-1", "synthetic"),
            exp2("Max-9", "natural"), exp2("Max-9", "synthetic"),
            exp2("Max-1", "natural"), exp2("Max-1", "synthetic"));

    /** The Exp II condition names as in the CSV's {@code condition_name}. */
    public static final List<String> EXPERIMENT_II_NAMES = List.of("Min-Max-9", "Min-Max-1", "Max-9", "Max-1");

    private static Borowski2021Condition exp2(String name, String reference) {
        return new Borowski2021Condition("II", name, reference, name.startsWith("Min-Max"),
                Integer.parseInt(name.substring(name.lastIndexOf('-') + 1)));
    }

    /** {@code experiment/name/reference}, unique per condition. */
    public String key() {
        return key(experiment, name, reference);
    }

    public static String key(String experiment, String name, String reference) {
        return experiment + "/" + name + "/" + reference;
    }
}
