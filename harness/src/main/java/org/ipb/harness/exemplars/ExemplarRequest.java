package org.ipb.harness.exemplars;

import java.nio.file.Path;
import org.ipb.core.UserError;
import org.ipb.core.candidates.Protocol;

/**
 * What {@code ipb exemplars} should do. Null strings mean "take it from the inputs' sidecars".
 *
 * @param activations N x C {@code .npy} written by {@code ipb extract} (sidecar {@code <stem>.json}
 *     and {@code stimuli.csv} beside it are used when present)
 * @param directions K x C {@code .npy} (report {@code <stem>.report.json} beside it is used when
 *     present)
 * @param dataset stimulus-set manifest path or shipped name; null: the activations' sidecar
 * @param method direction-finding method; null: the directions' report
 * @param model model name; null: the activations' sidecar
 * @param layer layer name; null: the activations' sidecar
 * @param quantile quantile protocol: top/bottom fraction of stimuli tasks are drawn from, in (0, 0.5]
 * @param references references per side of a task
 * @param tasks tasks per direction
 * @param seed master seed of the task draws
 * @param top exemplars listed per side for every direction in the candidate set (at most kept)
 * @param sheets contact sheets for the first this-many directions; -1 for all, 0 for none
 * @param out output folder, written all or nothing
 * @param protocol {@code imi2023} or {@code quantile} ({@link org.ipb.core.candidates.Protocol})
 * @param extremes imi2023: most/least activating stimuli kept per direction (200)
 * @param referenceRanks imi2023: references from ranks 1 to this (180), queries from the rest
 */
public record ExemplarRequest(Path activations, Path directions, String dataset, String method, String model,
        String layer, double quantile, int references, int tasks, long seed, int top, int sheets, Path out,
        String protocol, int extremes, int referenceRanks) {
    public static final double DEFAULT_QUANTILE = 0.2;
    public static final int DEFAULT_TOP = 16;
    public static final int ALL_SHEETS = -1;

    /** A request under the quantile protocol. */
    public ExemplarRequest(Path activations, Path directions, String dataset, String method, String model,
            String layer, double quantile, int references, int tasks, long seed, int top, int sheets, Path out) {
        this(activations, directions, dataset, method, model, layer, quantile, references, tasks, seed, top, sheets,
                out, Protocol.QUANTILE, 0, 0);
    }

    public ExemplarRequest {
        if (protocol == null) {
            protocol = Protocol.QUANTILE;
        }
        if (!protocol.equals(Protocol.QUANTILE) && !protocol.equals(Protocol.IMI2023)) {
            throw new UserError("--protocol: unknown protocol '" + protocol + "'; known: " + Protocol.IMI2023 + ", "
                    + Protocol.QUANTILE);
        }
    }

    /** This request under the imi2023 protocol with the given numbers (IMI: 200, 180). */
    public ExemplarRequest imi2023(int extremes, int referenceRanks) {
        return new ExemplarRequest(activations, directions, dataset, method, model, layer, quantile, references, tasks,
                seed, top, sheets, out, Protocol.IMI2023, extremes, referenceRanks);
    }

    public boolean isImi2023() {
        return Protocol.IMI2023.equals(protocol);
    }

    /** A request with the defaults: quantile 0.2, 9 references, 20 tasks, seed 0, top 16, all sheets. */
    public static ExemplarRequest defaults(Path activations, Path directions, Path out) {
        return new ExemplarRequest(activations, directions, null, null, null, null, DEFAULT_QUANTILE,
                TaskSampler.DEFAULT_REFERENCES, TaskSampler.DEFAULT_TASKS, 0L, DEFAULT_TOP, ALL_SHEETS, out);
    }
}
