package org.ipb.leaderboards.publish;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.ipb.leaderboards.board.LeaderboardRow;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.IntervalBarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.category.DefaultIntervalCategoryDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The PNG charts of {@code index.html}, drawn with JFreeChart at a fixed size with fixed rendering
 * hints and fixed colours, text in DejaVu Sans when installed, and written by ImageIO without
 * metadata chunks, so the bytes depend on the board only.
 */
final class Charts {
    static final String HUMAN_CHART = "predicted-vs-human.png";
    static final int WIDTH = 760;
    static final int SCATTER_HEIGHT = 560;

    private static final Color BLUE = new Color(0x1f77b4);
    private static final Color[] PALETTE = {
        BLUE, new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    private Charts() {}

    /**
     * An axis range around [lo, hi]: 10 % of the span (at least 0.01) on each side, clipped to
     * [0, 1], rounded outwards to 0.01. A data-free table gets 0.5-1.
     */
    static double[] range(double lo, double hi) {
        if (!(lo <= hi)) {
            return new double[] {0.5, 1};
        }
        double pad = Math.max(0.01, 0.1 * (hi - lo));
        double a = Math.max(0, Math.floor((lo - pad) * 100) / 100);
        double b = Math.min(1, Math.ceil((hi + pad) * 100) / 100);
        return new double[] {a, Math.max(b, a + 0.02)};
    }

    /**
     * Per-direction hard MIS of every entry of one table: one dot per direction, entries side by
     * side in the table's order, spread sideways by a fixed deterministic offset (golden-ratio
     * sequence) so that equal scores stay visible.
     */
    static byte[] strip(Table t, List<org.ipb.leaderboards.board.DirectionScore> directions) {
        String family = fontFamily();
        List<String> labels = uniqueLabels(t.rows());
        org.jfree.data.xy.XYSeriesCollection data = new org.jfree.data.xy.XYSeriesCollection();
        org.jfree.data.xy.XYSeries series = new org.jfree.data.xy.XYSeries("direction", false, true);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < t.rows().size(); i++) {
            LeaderboardRow r = t.rows().get(i);
            int k = 0;
            for (org.ipb.leaderboards.board.DirectionScore d : directions) {
                if (!d.benchmark().equals(r.benchmark()) || !d.model().equals(r.model()) || !d.layer().equals(r.layer())
                        || !d.entry().equals(r.entry()) || d.entryVersion() != r.entryVersion()) {
                    continue;
                }
                Double v = d.scores().get("mis");
                if (v == null || !Double.isFinite(v)) {
                    continue;
                }
                double jitter = ((k++ * 0.6180339887498949) % 1.0 - 0.5) * 0.5;
                series.add(i + jitter, v);
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        data.addSeries(series);
        org.jfree.chart.axis.SymbolAxis entries = new org.jfree.chart.axis.SymbolAxis("entry",
                labels.toArray(new String[0]));
        entries.setLabelFont(font(family, Font.PLAIN, 12));
        entries.setTickLabelFont(font(family, Font.PLAIN, 11));
        entries.setGridBandsVisible(false);
        NumberAxis mis = new NumberAxis("hard MIS per direction (machine 2-AFC accuracy)");
        double[] range = range(lo, hi);
        mis.setRange(range[0], range[1]);
        mis.setLabelFont(font(family, Font.PLAIN, 12));
        mis.setTickLabelFont(font(family, Font.PLAIN, 10));
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        dots.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
        dots.setSeriesPaint(0, new Color(0x1f, 0x77, 0xb4, 150));
        XYPlot plot = new XYPlot(data, entries, mis, dots);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinesVisible(false);
        JFreeChart chart = new JFreeChart(t.benchmark() + " — " + t.modelLayer() + ": every direction",
                font(family, Font.BOLD, 14), plot, false);
        return png(chart, family, WIDTH, accuracyHeight(t));
    }

    /** Height of a table's chart: grows with the number of entries. */
    static int accuracyHeight(Table t) {
        return 150 + 34 * t.rows().size();
    }

    /**
     * Headline accuracy per entry of one table, best first: the mean as a dot on a bar spanning
     * its 95 % interval, with chance (0.5) marked when it is in range. The axis spans the data
     * (intervals plus a margin), not 0-1, so that differences of a few hundredths are visible.
     */
    static byte[] accuracy(Table t) {
        String family = fontFamily();
        List<String> labels = uniqueLabels(t.rows());
        int n = labels.size();
        Number[][] lows = new Number[1][n];
        Number[][] highs = new Number[1][n];
        DefaultCategoryDataset means = new DefaultCategoryDataset();
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            LeaderboardRow r = t.rows().get(i);
            double mean = r.headline() == null ? Double.NaN : r.headline().accuracy();
            double lo = r.headline() == null ? Double.NaN : r.headline().ciLow();
            double hi = r.headline() == null ? Double.NaN : r.headline().ciHigh();
            lows[0][i] = Double.isFinite(lo) && Double.isFinite(hi) ? lo : null;
            highs[0][i] = Double.isFinite(lo) && Double.isFinite(hi) ? hi : null;
            means.addValue(Double.isFinite(mean) ? mean : null, "mean", labels.get(i));
            for (double v : new double[] {mean, lo, hi}) {
                if (Double.isFinite(v)) {
                    lowest = Math.min(lowest, v);
                    highest = Math.max(highest, v);
                }
            }
        }
        DefaultIntervalCategoryDataset intervals = new DefaultIntervalCategoryDataset(
                new Comparable<?>[] {"95 % interval"}, labels.toArray(new Comparable<?>[0]), lows, highs);

        CategoryAxis entries = new CategoryAxis("entry");
        entries.setLabelFont(font(family, Font.PLAIN, 12));
        entries.setTickLabelFont(font(family, Font.PLAIN, 11));
        entries.setMaximumCategoryLabelWidthRatio(0.4f);
        String measure = t.rows().isEmpty() || t.rows().get(0).headline() == null ? "2-AFC accuracy"
                : t.rows().get(0).headline().measure();
        NumberAxis accuracy = new NumberAxis(measure);
        double[] range = range(lowest, highest);
        accuracy.setRange(range[0], range[1]);
        accuracy.setLabelFont(font(family, Font.PLAIN, 12));
        accuracy.setTickLabelFont(font(family, Font.PLAIN, 10));

        IntervalBarRenderer bars = new IntervalBarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        bars.setMaximumBarWidth(0.35);
        bars.setSeriesPaint(0, new Color(0xaec7e8));
        LineAndShapeRenderer dots = new LineAndShapeRenderer(false, true);
        dots.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
        dots.setSeriesPaint(0, BLUE);

        CategoryPlot plot = new CategoryPlot(intervals, entries, accuracy, bars);
        plot.setDataset(1, means);
        plot.setRenderer(1, dots);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        if (range[0] <= 0.5) {
            plot.addRangeMarker(new ValueMarker(0.5, Color.GRAY, dashed()));
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinesVisible(false);

        String title = t.benchmark() + " — " + t.modelLayer();
        JFreeChart chart = new JFreeChart(title, font(family, Font.BOLD, 14), plot, true);
        chart.addSubtitle(new TextTitle("mean over directions with bootstrap 95 % interval; dashed line: chance",
                font(family, Font.PLAIN, 11)));
        return png(chart, family, WIDTH, accuracyHeight(t));
    }

    /**
     * Predicted against measured human accuracy, one point per row with human data, with both
     * 95 % intervals as error bars, one colour per table, and the diagonal.
     */
    static byte[] predictedVersusHuman(List<Table> tables) {
        String family = fontFamily();
        XYIntervalSeriesCollection points = new XYIntervalSeriesCollection();
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        for (Table t : tables) {
            List<LeaderboardRow> rows = t.rows().stream()
                    .filter(r -> r.human() != null && r.headline() != null
                            && LeaderboardRow.Headline.PREDICTED_HUMAN.equals(r.headline().measure()))
                    .toList();
            if (rows.isEmpty()) {
                continue;
            }
            String key = tables.stream().map(Table::benchmark).distinct().count() > 1
                    ? t.benchmark() + " " + t.modelLayer() : t.modelLayer();
            XYIntervalSeries series = new XYIntervalSeries(key, false, true);
            for (LeaderboardRow r : rows) {
                var h = r.human();
                var p = r.headline();
                series.add(h.accuracy(), h.ciLow(), h.ciHigh(), p.accuracy(), p.ciLow(), p.ciHigh());
                for (double v : new double[] {h.accuracy(), h.ciLow(), p.accuracy(), p.ciLow()}) {
                    if (Double.isFinite(v)) {
                        lowest = Math.min(lowest, v);
                    }
                }
            }
            points.addSeries(series);
        }
        double low = Math.max(0, Math.floor(lowest * 10 - 0.5) / 10);
        NumberAxis x = new NumberAxis("human accuracy (main trials, Wilson 95 %)");
        NumberAxis y = new NumberAxis("predicted accuracy (bootstrap 95 %)");
        for (NumberAxis axis : List.of(x, y)) {
            axis.setRange(low, 1.0);
            axis.setLabelFont(font(family, Font.PLAIN, 12));
            axis.setTickLabelFont(font(family, Font.PLAIN, 10));
        }
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDefaultLinesVisible(false);
        for (int s = 0; s < points.getSeriesCount(); s++) {
            Color c = PALETTE[s % PALETTE.length];
            renderer.setSeriesShape(s, new Ellipse2D.Double(-4, -4, 8, 8));
            renderer.setSeriesPaint(s, c);
        }
        renderer.setErrorPaint(null); // error bars in the series colour
        XYSeriesCollection diagonalData = new XYSeriesCollection();
        XYSeries diagonal = new XYSeries("predicted = human");
        diagonal.add(0.0, 0.0);
        diagonal.add(1.0, 1.0);
        diagonalData.addSeries(diagonal);
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, Color.GRAY);
        line.setSeriesStroke(0, dashed());

        XYPlot plot = new XYPlot(points, x, y, renderer);
        plot.setDataset(1, diagonalData);
        plot.setRenderer(1, line);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Predicted against human accuracy", font(family, Font.BOLD, 14), plot, true);
        chart.addSubtitle(new TextTitle("one point per row with human data", font(family, Font.PLAIN, 11)));
        return png(chart, family, WIDTH, SCATTER_HEIGHT);
    }

    private static BasicStroke dashed() {
        return new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f);
    }

    private static Font font(String family, int style, float size) {
        return new Font(family, style, 1).deriveFont(size);
    }

    /** Renders with fixed hints and encodes as a PNG without metadata. */
    private static byte[] png(JFreeChart chart, String family, int width, int height) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        chart.getRenderingHints().put(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        chart.getRenderingHints().put(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        chart.getRenderingHints().put(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(font(family, Font.PLAIN, 10));
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        try {
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height), null, null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a chart", e);
        }
        return bytes.toByteArray();
    }

    /** Category labels: entry labels, made unique where two rows would share one. */
    static List<String> uniqueLabels(List<LeaderboardRow> rows) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        Set<String> labels = new LinkedHashSet<>();
        for (LeaderboardRow r : rows) {
            String base = Table.entryLabel(r);
            String label = base;
            int i = seen.merge(base, 1, Integer::sum);
            while (labels.contains(label)) {
                label = base + " (" + i++ + ")";
            }
            labels.add(label);
        }
        return List.copyOf(labels);
    }

    /** DejaVu Sans when installed (CI installs fonts-dejavu-core), else the JVM's logical sans-serif. */
    static String fontFamily() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // no display on CI; only effective before AWT starts
        }
        String[] families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT);
        if (families.length == 0) {
            throw new IllegalStateException("no fonts available to draw charts; install fontconfig and fonts-dejavu-core");
        }
        return Arrays.asList(families).contains("DejaVu Sans") ? "DejaVu Sans" : Font.SANS_SERIF;
    }
}
