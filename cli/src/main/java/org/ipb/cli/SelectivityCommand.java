package org.ipb.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.ipb.core.AtomicWrite;
import org.ipb.core.UserError;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyArray;
import org.ipb.scorers.selectivity.SelectivityTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ipb selectivity}: class-selectivity scores (CCMAS, precision, localist, top-class; see
 * {@link org.ipb.scorers.selectivity.Selectivity}) of every column of an N x C activation matrix.
 */
@Command(name = "selectivity", mixinStandardHelpOptions = true,
        description = "Class selectivity of every column (unit or direction) of an N x C activation matrix, given one"
                + " integer class label per image: CCMAS (Morcos et al. 2018), precision of the top N images (Zhou"
                + " et al. 2015), localist selectivity and top-class selectivity (Gale et al. 2020). Writes a CSV"
                + " with header direction,ccmas,precision,localist,top_class and one row per column.")
final class SelectivityCommand implements Runnable {
    static final String HEADER = "direction,ccmas,precision,localist,top_class";

    private static final Set<String> ACTIVATION_DTYPES = Set.of("<f4", "<f8");
    private static final Set<String> LABEL_DTYPES = Set.of("<i4", "<i8", "|u1");

    @Option(names = "--activations", required = true, description = "N x C float32 or float64 .npy.")
    Path activations;

    @Option(names = "--labels", required = true,
            description = "N class labels: 1-D int32, int64 or uint8 .npy, no negative values.")
    Path labels;

    @Option(names = "--out", required = true, description = "Output CSV.")
    Path out;

    @Option(names = "--top-n", defaultValue = "100",
            description = "Number of top images for precision, capped at N (default: ${DEFAULT-VALUE}).")
    int topN;

    @Override
    public void run() {
        if (topN < 1) {
            throw new UserError("--top-n must be at least 1, not " + topN);
        }
        NpyArray x = Npy.read(activations);
        long[] xs = x.shape();
        if (!ACTIVATION_DTYPES.contains(x.dtype())) {
            throw new UserError(activations, "activations must be float32 or float64, not " + x.dtype());
        }
        if (xs.length != 2) {
            throw new UserError(activations, "activations must be a 2-D N x C matrix, not shape " + Arrays.toString(xs));
        }
        if (xs[0] < 1) {
            throw new UserError(activations, "activations have no rows (images)");
        }
        int n = (int) xs[0];
        int c = (int) xs[1];

        NpyArray yArray = Npy.read(labels);
        long[] ys = yArray.shape();
        if (!LABEL_DTYPES.contains(yArray.dtype())) {
            throw new UserError(labels, "labels must be int32, int64 or uint8, not " + yArray.dtype());
        }
        if (ys.length != 1) {
            throw new UserError(labels, "labels must be 1-D, not shape " + Arrays.toString(ys));
        }
        if (ys[0] != n) {
            throw new UserError(labels, ys[0] + " labels but " + activations + " has " + n + " rows");
        }
        long[] yl = yArray.toLongArray();
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            if (yl[i] < 0) {
                throw new UserError(labels, "label " + i + " is negative (" + yl[i] + ")");
            }
            if (yl[i] > Integer.MAX_VALUE) {
                throw new UserError(labels, "label " + i + " is too large (" + yl[i] + ")");
            }
            y[i] = (int) yl[i];
        }

        SelectivityTable table;
        if (x.dtype().equals("<f4")) {
            float[] v = x.toFloatArray();
            requireFinite(v.length, i -> v[i]);
            table = SelectivityTable.compute(v, n, c, y, topN);
        } else {
            double[] v = x.toDoubleArray();
            requireFinite(v.length, i -> v[i]);
            table = SelectivityTable.compute(v, n, c, y, topN);
        }
        writeCsv(table);
        System.out.printf(Locale.ROOT, "selectivity of %d directions over %d images (top %d for precision)%n",
                c, n, Math.min(topN, n));
        System.out.println("wrote " + out);
    }

    private void requireFinite(int length, java.util.function.IntToDoubleFunction value) {
        for (int i = 0; i < length; i++) {
            double v = value.applyAsDouble(i);
            if (!Double.isFinite(v)) {
                throw new UserError(activations, "activation at flat index " + i + " is " + v);
            }
        }
    }

    /** Writes the CSV atomically ({@link AtomicWrite}). */
    private void writeCsv(SelectivityTable t) {
        AtomicWrite.text(out, w -> {
            w.write(HEADER);
            w.write('\n');
            for (int j = 0; j < t.columns(); j++) {
                w.write(String.format(Locale.ROOT, "%d,%.9g,%.9g,%.9g,%d\n",
                        j, t.ccmas(j), t.precision(j), t.localist(j), t.topClass(j)));
            }
        });
    }
}
