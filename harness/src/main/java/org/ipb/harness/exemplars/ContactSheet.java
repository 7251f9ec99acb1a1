package org.ipb.harness.exemplars;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import javax.imageio.ImageIO;
import org.ipb.core.UserError;
import org.ipb.core.candidates.Exemplar;
import org.ipb.manifest.RawImage;

/**
 * A contact sheet of one direction: its 16 most activating stimuli as a 4x4 grid labelled "max"
 * and its 16 least activating as a 4x4 grid labelled "min", side by side under the direction id.
 *
 * <p>Images keep their pixels: small ones are enlarged by an integer factor with nearest-neighbour
 * sampling so that the larger side is at least {@value #MIN_CELL} px (28 px Fashion-MNIST: 2x);
 * images up to {@value #MAX_CELL} px are drawn 1:1 and larger ones scaled down bilinearly into a
 * {@value #MAX_CELL} px cell. Grey, grey+alpha, RGB and RGBA are drawn on white. Text is drawn with
 * Java2D's logical sans-serif font and works headless ({@code java.awt.headless=true}); a JVM
 * without any font still gets the images, without text.
 */
public final class ContactSheet {
    public static final int GRID = 4;
    public static final int PER_SIDE = GRID * GRID;
    public static final int MIN_CELL = 56;
    public static final int MAX_CELL = 128;
    static final int MARGIN = 8;
    static final int GAP = 2;
    static final int TITLE_HEIGHT = 20;
    static final int LABEL_HEIGHT = 16;
    static final int PANEL_GAP = 16;
    private static final int BACKGROUND = 0xFFFFFF;
    private static final int EMPTY_CELL = 0xDDDDDD;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ContactSheet() {}

    /**
     * Geometry of a sheet: square cells of {@code cell} px, each image enlarged by {@code factor}
     * (0 when large images are scaled down instead).
     */
    record Layout(int cell, int factor, int width, int height) {
        static Layout forImages(int maxSide) {
            int factor;
            int cell;
            if (maxSide <= MAX_CELL) {
                factor = Math.max(1, (MIN_CELL + maxSide - 1) / maxSide);
                cell = maxSide * factor;
            } else {
                factor = 0;
                cell = MAX_CELL;
            }
            int grid = GRID * cell + (GRID - 1) * GAP;
            return new Layout(cell, factor, 2 * MARGIN + 2 * grid + PANEL_GAP,
                    2 * MARGIN + TITLE_HEIGHT + LABEL_HEIGHT + grid);
        }

        int grid() {
            return GRID * cell + (GRID - 1) * GAP;
        }

        /** Left edge of cell {@code i} (row-major) of the max ({@code side} 0) or min (1) grid. */
        int cellX(int side, int i) {
            return MARGIN + side * (grid() + PANEL_GAP) + (i % GRID) * (cell + GAP);
        }

        int cellY(int i) {
            return MARGIN + TITLE_HEIGHT + LABEL_HEIGHT + (i / GRID) * (cell + GAP);
        }
    }

    /**
     * Draws the sheet of one direction.
     *
     * @param top most activating first; the first 16 are shown
     * @param bottom least activating first; the first 16 are shown
     * @param images decoded image of a row (stimulus index)
     */
    public static BufferedImage render(String title, List<Exemplar> top, List<Exemplar> bottom,
            IntFunction<RawImage> images) {
        List<Exemplar> max = top.subList(0, Math.min(PER_SIDE, top.size()));
        List<Exemplar> min = bottom.subList(0, Math.min(PER_SIDE, bottom.size()));
        List<RawImage> maxImages = new ArrayList<>();
        List<RawImage> minImages = new ArrayList<>();
        int maxSide = 1;
        for (Exemplar e : max) {
            RawImage r = images.apply(e.row());
            maxImages.add(r);
            maxSide = Math.max(maxSide, Math.max(r.width(), r.height()));
        }
        for (Exemplar e : min) {
            RawImage r = images.apply(e.row());
            minImages.add(r);
            maxSide = Math.max(maxSide, Math.max(r.width(), r.height()));
        }
        Layout layout = Layout.forImages(maxSide);
        BufferedImage sheet = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(new Color(BACKGROUND));
            g.fillRect(0, 0, layout.width(), layout.height());
            for (int side = 0; side < 2; side++) {
                List<RawImage> imgs = side == 0 ? maxImages : minImages;
                for (int i = 0; i < PER_SIDE; i++) {
                    int x = layout.cellX(side, i);
                    int y = layout.cellY(i);
                    if (i < imgs.size()) {
                        drawImage(sheet, g, layout, imgs.get(i), x, y);
                    } else {
                        g.setColor(new Color(EMPTY_CELL));
                        g.fillRect(x, y, layout.cell(), layout.cell());
                    }
                }
            }
            drawText(g, layout, title, label("max", max), label("min", min));
        } finally {
            g.dispose();
        }
        return sheet;
    }

    /** Writes a rendered sheet as PNG; failures are UserErrors naming the file. */
    public static void write(Path file, BufferedImage sheet) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!ImageIO.write(sheet, "png", file.toFile())) {
                throw new UserError(file, "no PNG writer in this JVM");
            }
        } catch (IOException e) {
            throw new UserError(file, "cannot write: " + e.getMessage(), e);
        }
    }

    private static String label(String side, List<Exemplar> shown) {
        if (shown.isEmpty()) {
            return side;
        }
        return String.format(Locale.ROOT, "%s  %.4g .. %.4g", side, shown.get(0).activation(),
                shown.get(shown.size() - 1).activation());
    }

    private static void drawImage(BufferedImage sheet, Graphics2D g, Layout layout, RawImage r, int x, int y) {
        if (layout.factor() > 0) {
            int f = layout.factor();
            int ox = x + (layout.cell() - r.width() * f) / 2;
            int oy = y + (layout.cell() - r.height() * f) / 2;
            if (r.width() * f < layout.cell() || r.height() * f < layout.cell()) {
                g.setColor(new Color(BACKGROUND));
                g.fillRect(x, y, layout.cell(), layout.cell());
            }
            for (int py = 0; py < r.height(); py++) {
                for (int px = 0; px < r.width(); px++) {
                    int rgb = rgb(r, px, py);
                    for (int dy = 0; dy < f; dy++) {
                        for (int dx = 0; dx < f; dx++) {
                            sheet.setRGB(ox + px * f + dx, oy + py * f + dy, rgb);
                        }
                    }
                }
            }
        } else {
            BufferedImage src = new BufferedImage(r.width(), r.height(), BufferedImage.TYPE_INT_RGB);
            for (int py = 0; py < r.height(); py++) {
                for (int px = 0; px < r.width(); px++) {
                    src.setRGB(px, py, rgb(r, px, py));
                }
            }
            double s = Math.min((double) layout.cell() / r.width(), (double) layout.cell() / r.height());
            int w = Math.max(1, (int) Math.round(r.width() * s));
            int h = Math.max(1, (int) Math.round(r.height() * s));
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src, x + (layout.cell() - w) / 2, y + (layout.cell() - h) / 2, w, h, null);
        }
    }

    /** Opaque RGB of a pixel; alpha is composited on white. */
    static int rgb(RawImage r, int x, int y) {
        return org.ipb.manifest.PngEncoder.opaqueRgb(r, x, y) & 0xFFFFFF;
    }

    private static void drawText(Graphics2D g, Layout layout, String title, String maxLabel, String minLabel) {
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(title, MARGIN, MARGIN + 14);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            int y = MARGIN + TITLE_HEIGHT + 11;
            g.drawString(maxLabel, layout.cellX(0, 0), y);
            g.drawString(minLabel, layout.cellX(1, 0), y);
        } catch (RuntimeException | InternalError | LinkageError e) {
            // No usable font (a JVM without fontconfig): the images are what matters.
        }
    }
}
