package org.ipb.leaderboards.stats;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Reliability diagram of predicted P(correct) against observed accuracy (DeGroot &amp; Fienberg 1983,
 * "The comparison and evaluation of forecasters", The Statistician 32; Niculescu-Mizil &amp; Caruana
 * 2005, ICML), with the expected calibration error ECE = Σ_b (n_b / N) |acc_b − conf_b| of Naeini,
 * Cooper &amp; Hauskrecht (2015, AAAI, "Obtaining well calibrated probabilities using Bayesian
 * binning") as used by Guo et al. (2017, ICML, eq. 3), where conf_b is the mean prediction in bin b
 * and acc_b its observed accuracy. Each bin carries a Wilson 95 % interval of its accuracy.
 *
 * <p>Bins: equal-width bins split [0, 1] into B intervals [i/B, (i+1)/B), the last one closed; empty
 * bins are listed with count 0 and NaN means and add nothing to the ECE. Equal-count bins sort the
 * trials by prediction (ties in input order) and cut them into B runs whose sizes differ by at most
 * one; tied predictions may fall into neighbouring bins. Their bounds are the smallest and largest
 * prediction in the bin.
 *
 * @param binning how the bins were drawn
 * @param bins the bins in increasing order of prediction
 * @param trials N
 * @param expectedCalibrationError ECE over the non-empty bins
 */
public record ReliabilityDiagram(Binning binning, List<Bin> bins, int trials, double expectedCalibrationError) {
    /** Binning schemes. */
    public enum Binning { EQUAL_WIDTH, EQUAL_COUNT }

    /**
     * One bin.
     *
     * @param meanPredicted conf_b, NaN when empty
     * @param observed acc_b = correct / count, NaN when empty
     */
    public record Bin(int index, double lower, double upper, int count, int correct, double meanPredicted,
            double observed, Interval ci95) {}

    public ReliabilityDiagram {
        bins = List.copyOf(bins);
    }

    /**
     * Diagram of predictions {@code predicted} (each in [0, 1]) for responses {@code correct}.
     *
     * @throws IllegalArgumentException on unpaired or empty input, a prediction outside [0, 1], or
     *     fewer than one bin
     */
    public static ReliabilityDiagram of(double[] predicted, boolean[] correct, int binCount, Binning binning) {
        int n = predicted.length;
        if (n != correct.length || n == 0 || binCount < 1) {
            throw new IllegalArgumentException("need paired, non-empty predictions and at least one bin");
        }
        for (double p : predicted) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("prediction outside [0, 1]: " + p);
            }
        }
        List<int[]> members = new ArrayList<>();
        double[][] bounds = new double[binCount][2];
        if (binning == Binning.EQUAL_WIDTH) {
            List<List<Integer>> lists = new ArrayList<>();
            for (int b = 0; b < binCount; b++) {
                lists.add(new ArrayList<>());
                bounds[b] = new double[] {(double) b / binCount, (double) (b + 1) / binCount};
            }
            for (int i = 0; i < n; i++) {
                lists.get(Math.min(binCount - 1, (int) Math.floor(predicted[i] * binCount))).add(i);
            }
            lists.forEach(l -> members.add(l.stream().mapToInt(Integer::intValue).toArray()));
        } else {
            int[] order = IntStream.range(0, n).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> predicted[i]).thenComparingInt(i -> i))
                    .mapToInt(Integer::intValue).toArray();
            for (int b = 0; b < binCount; b++) {
                int[] m = Arrays.copyOfRange(order, (int) ((long) b * n / binCount), (int) ((long) (b + 1) * n / binCount));
                members.add(m);
                bounds[b] = m.length == 0
                        ? new double[] {Double.NaN, Double.NaN}
                        : new double[] {predicted[m[0]], predicted[m[m.length - 1]]};
            }
        }
        List<Bin> bins = new ArrayList<>();
        double ece = 0;
        for (int b = 0; b < binCount; b++) {
            int[] m = members.get(b);
            int k = 0;
            double sum = 0;
            for (int i : m) {
                k += correct[i] ? 1 : 0;
                sum += predicted[i];
            }
            if (m.length == 0) {
                bins.add(new Bin(b, bounds[b][0], bounds[b][1], 0, 0, Double.NaN, Double.NaN, Interval.UNDEFINED));
                continue;
            }
            double conf = sum / m.length;
            double acc = (double) k / m.length;
            bins.add(new Bin(b, bounds[b][0], bounds[b][1], m.length, k, conf, acc, WilsonInterval.of95(k, m.length)));
            ece += (double) m.length / n * Math.abs(acc - conf);
        }
        return new ReliabilityDiagram(binning, bins, n, ece);
    }

    /**
     * Writes the diagram as a PNG of {@code width} × {@code height} pixels: observed accuracy against
     * mean prediction per non-empty bin with Wilson 95 % error bars, and the diagonal of perfect
     * calibration. The image depends only on the diagram, the size and the title (no timestamps; the
     * PNG carries no metadata chunks).
     *
     * @throws IllegalStateException if the JVM finds no font to draw text with
     */
    public void writePng(Path file, int width, int height, String title) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // no display on CI; only effective before AWT starts
        }
        String family = fontFamily();
        Font regular = new Font(family, Font.PLAIN, 12);

        XYSeries diagonal = new XYSeries("perfect calibration");
        diagonal.add(0.0, 0.0);
        diagonal.add(1.0, 1.0);
        YIntervalSeries observed = new YIntervalSeries("observed (Wilson 95 %)");
        for (Bin b : bins) {
            if (b.count() > 0) {
                observed.add(b.meanPredicted(), b.observed(), b.ci95().low(), b.ci95().high());
            }
        }
        NumberAxis x = new NumberAxis("predicted P(correct)");
        NumberAxis y = new NumberAxis("observed accuracy");
        for (NumberAxis axis : List.of(x, y)) {
            axis.setRange(0.0, 1.0);
            axis.setLabelFont(regular);
            axis.setTickLabelFont(regular.deriveFont(10f));
        }
        XYErrorRenderer points = new XYErrorRenderer();
        points.setDrawXError(false);
        points.setDefaultLinesVisible(false);
        points.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
        points.setSeriesPaint(0, new Color(0x1f77b4));
        points.setErrorPaint(new Color(0x1f77b4));
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, Color.GRAY);
        line.setSeriesStroke(0, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {4f, 4f}, 0f));

        XYPlot plot = new XYPlot(new YIntervalSeriesCollection(), x, y, points);
        ((YIntervalSeriesCollection) plot.getDataset(0)).addSeries(observed);
        plot.setDataset(1, new XYSeriesCollection(diagonal));
        plot.setRenderer(1, line);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);

        JFreeChart chart = new JFreeChart(title, new Font(family, Font.BOLD, 14), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(regular.deriveFont(10f));
        chart.addSubtitle(new TextTitle(String.format(Locale.ROOT, "ECE = %.4f, %s bins, N = %d",
                expectedCalibrationError, binning.name().toLowerCase(Locale.ROOT).replace('_', '-'), trials), regular));

        BufferedImage image = chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        }
    }

    /** DejaVu Sans when installed (CI installs fonts-dejavu-core), else the JVM's logical sans-serif. */
    static String fontFamily() {
        String[] families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT);
        if (families.length == 0) {
            throw new IllegalStateException("no fonts available to draw charts; install fontconfig and fonts-dejavu-core");
        }
        return Arrays.asList(families).contains("DejaVu Sans") ? "DejaVu Sans" : Font.SANS_SERIF;
    }
}
