package org.ipb.harness.ablation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Output of cumulative ablation (Morcos et al. 2018, "On the importance of single directions for
 * generalization", ICLR): {@code ablation-curves.csv} with columns {@code order,removed,accuracy}
 * and a PNG line chart of accuracy against the number of directions removed, one line per order
 * ('random' when it was measured, 'score'). The chart is drawn with Java2D and works headless.
 */
public final class AblationCurves {
    public static final String CSV_NAME = "ablation-curves.csv";
    public static final String PNG_NAME = "ablation-curves.png";

    private static final int WIDTH = 720;
    private static final int HEIGHT = 480;
    private static final Color RANDOM_COLOR = new Color(0x1f, 0x77, 0xb4);
    private static final Color SCORE_COLOR = new Color(0xd6, 0x27, 0x28);

    private AblationCurves() {
    }

    /** Writes {@code ablation-curves.csv} and {@code ablation-curves.png} into {@code dir}; returns the CSV path. */
    public static Path write(Path dir, DirectionAblation.CumulativeResult r) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path csv = dir.resolve(CSV_NAME);
        writeCsv(csv, r);
        writePng(dir.resolve(PNG_NAME), r);
        return csv;
    }

    /**
     * Area under a cumulative ablation curve: accuracy relative to the first point's (intact)
     * accuracy, against the fraction of directions removed (trapezoids over the measured points).
     * In decreasing order of single-direction drop, 1 means removing directions never hurts; lower
     * means the directions carry what the network needs (Morcos et al. 2018, Fig. 2). Null when the
     * curve has fewer than two points.
     */
    public static Double scoreOrderArea(DirectionAblation.Curve curve) {
        List<DirectionAblation.CurvePoint> pts = new java.util.ArrayList<>(curve.points());
        if (pts.size() < 2) {
            return null;
        }
        pts.sort(java.util.Comparator.comparingInt(DirectionAblation.CurvePoint::removed));
        double maxRemoved = pts.get(pts.size() - 1).removed();
        double intact = pts.get(0).accuracy();
        double area = 0;
        for (int i = 1; i < pts.size(); i++) {
            double w = (pts.get(i).removed() - pts.get(i - 1).removed()) / maxRemoved;
            area += w * (pts.get(i).accuracy() + pts.get(i - 1).accuracy()) / 2 / intact;
        }
        return area;
    }

    /** One row per curve point: order ('random' or 'score'), directions removed, accuracy. */
    public static void writeCsv(Path file, DirectionAblation.CumulativeResult r) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("order,removed,accuracy\n");
            for (DirectionAblation.Curve c : r.curves()) {
                for (DirectionAblation.CurvePoint p : c.points()) {
                    w.write(c.order() + "," + p.removed() + "," + String.format(Locale.ROOT, "%.6f", p.accuracy()) + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Line chart of both curves: x = directions removed, y = accuracy in [0, 1]. */
    public static void writePng(Path file, DirectionAblation.CumulativeResult r) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            int left = 70;
            int right = WIDTH - 30;
            int top = 50;
            int bottom = HEIGHT - 60;
            int maxX = 1;
            for (DirectionAblation.Curve c : r.curves()) {
                for (DirectionAblation.CurvePoint p : c.points()) {
                    maxX = Math.max(maxX, p.removed());
                }
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics fm = g.getFontMetrics();
            // Grid and y ticks (accuracy 0..1).
            for (int t = 0; t <= 10; t += 2) {
                double v = t / 10.0;
                int y = (int) Math.round(bottom - v * (bottom - top));
                g.setColor(new Color(0xe0, 0xe0, 0xe0));
                g.drawLine(left, y, right, y);
                g.setColor(Color.DARK_GRAY);
                String label = String.format(Locale.ROOT, "%.1f", v);
                g.drawString(label, left - 8 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
            }
            // x ticks.
            int ticks = Math.min(maxX, 8);
            for (int t = 0; t <= ticks; t++) {
                int v = (int) Math.round((double) maxX * t / ticks);
                int x = (int) Math.round(left + (double) v / maxX * (right - left));
                g.setColor(Color.DARK_GRAY);
                g.drawLine(x, bottom, x, bottom + 5);
                String label = Integer.toString(v);
                g.drawString(label, x - fm.stringWidth(label) / 2, bottom + 8 + fm.getAscent());
            }
            g.setColor(Color.BLACK);
            g.drawLine(left, bottom, right, bottom);
            g.drawLine(left, top, left, bottom);
            String xLabel = "directions removed";
            g.drawString(xLabel, (left + right - fm.stringWidth(xLabel)) / 2, HEIGHT - 18);
            Graphics2D gy = (Graphics2D) g.create();
            gy.rotate(-Math.PI / 2);
            gy.drawString("accuracy", -(top + bottom + fm.stringWidth("accuracy")) / 2, 22);
            gy.dispose();
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            String title = "Cumulative ablation: " + r.model() + " / " + r.layer() + " (" + r.images() + " images)";
            g.drawString(title, (WIDTH - g.getFontMetrics().stringWidth(title)) / 2, 28);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));

            g.setStroke(new BasicStroke(2f));
            int legendY = top + 14;
            for (DirectionAblation.Curve c : r.curves()) {
                Color col = "random".equals(c.order()) ? RANDOM_COLOR : SCORE_COLOR;
                g.setColor(col);
                Path2D.Double path = new Path2D.Double();
                boolean first = true;
                for (DirectionAblation.CurvePoint p : c.points()) {
                    double x = left + (double) p.removed() / maxX * (right - left);
                    double y = bottom - p.accuracy() * (bottom - top);
                    if (first) {
                        path.moveTo(x, y);
                        first = false;
                    } else {
                        path.lineTo(x, y);
                    }
                    g.fillOval((int) Math.round(x) - 3, (int) Math.round(y) - 3, 6, 6);
                }
                g.draw(path);
                // Legend, top right.
                int lx = right - 110;
                g.drawLine(lx, legendY - 4, lx + 24, legendY - 4);
                g.setColor(Color.BLACK);
                g.drawString(c.order(), lx + 30, legendY);
                legendY += 18;
            }
        } finally {
            g.dispose();
        }
        try {
            if (!ImageIO.write(img, "png", file.toFile())) {
                throw new IOException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
