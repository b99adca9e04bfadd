package io.flexledger.agents.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * PNG charts drawn with Java2D (headless): grouped bars per category and line profiles, with axis
 * titles, units, tick labels, a legend and an optional horizontal reference line.
 */
public final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Series colours: grey, blue, orange, green. */
    static final Color[] COLOURS = {new Color(0x9e9e9e), new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c)};

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 560;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 70;
    private static final int BOTTOM = 80;

    private Charts() {}

    /**
     * A named series of values.
     *
     * @param name legend text
     * @param values one value per category (bars) or per x step (lines)
     */
    public record Series(String name, double[] values) {}

    /**
     * A horizontal reference line.
     *
     * @param value y value
     * @param label text beside it
     */
    public record Reference(double value, String label) {}

    /** Grouped bars: one group per category, one bar per series. */
    public static void bars(
            Path file,
            String title,
            String xTitle,
            String yTitle,
            List<String> categories,
            List<Series> series,
            Reference reference)
            throws IOException {
        double max = reference == null ? 0 : reference.value();
        for (Series s : series) {
            for (double v : s.values()) {
                max = Math.max(max, v);
            }
        }
        double top = niceTop(max);
        Canvas c = new Canvas(title, xTitle, yTitle, top);
        int n = categories.size();
        double group = c.plotWidth() / (double) n;
        double bar = group * 0.8 / series.size();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < series.size(); k++) {
                double v = series.get(k).values()[i];
                int x = (int) Math.round(LEFT + i * group + group * 0.1 + k * bar);
                int y = c.y(v);
                c.g.setColor(COLOURS[k % COLOURS.length]);
                c.g.fillRect(x, y, Math.max(1, (int) Math.floor(bar) - 1), c.y(0) - y);
            }
            c.xLabel(categories.get(i), LEFT + (i + 0.5) * group);
        }
        c.reference(reference);
        c.legend(series);
        c.save(file);
    }

    /** Line profiles over x steps, labelled every {@code labelEvery} steps by {@code xLabels}. */
    public static void lines(
            Path file,
            String title,
            String xTitle,
            String yTitle,
            List<String> xLabels,
            int labelEvery,
            List<Series> series,
            Reference reference)
            throws IOException {
        double max = reference == null ? 0 : reference.value();
        double min = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
        }
        Canvas c = new Canvas(title, xTitle, yTitle, niceTop(max));
        int n = xLabels.size();
        double step = c.plotWidth() / (double) Math.max(1, n - 1);
        for (int i = 0; i < n; i += labelEvery) {
            c.xLabel(xLabels.get(i), LEFT + i * step);
        }
        c.g.setStroke(new BasicStroke(2.5f));
        for (int k = 0; k < series.size(); k++) {
            double[] v = series.get(k).values();
            c.g.setColor(COLOURS[k % COLOURS.length]);
            for (int i = 1; i < v.length; i++) {
                c.g.drawLine(
                        (int) Math.round(LEFT + (i - 1) * step),
                        c.y(v[i - 1]),
                        (int) Math.round(LEFT + i * step),
                        c.y(v[i]));
            }
        }
        c.reference(reference);
        c.legend(series);
        c.save(file);
    }

    /** A round axis top at or above {@code max} (1, 2, 2.5 or 5 times a power of ten). */
    static double niceTop(double max) {
        if (max <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(max)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= max) {
                return m * p;
            }
        }
        return 10 * p;
    }

    // the frame, axes and gridlines shared by every chart
    private static final class Canvas {
        final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        final double top;

        Canvas(String title, String xTitle, String yTitle, double top) {
            this.top = top;
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
            centred(title, WIDTH / 2.0, 32);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
            centred(xTitle, LEFT + plotWidth() / 2.0, HEIGHT - 18);
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            centred(yTitle, -(TOP + plotHeight() / 2.0), 24);
            g.setTransform(saved);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            for (int i = 0; i <= 5; i++) {
                double v = top * i / 5;
                int y = y(v);
                g.setColor(new Color(0xe0e0e0));
                g.drawLine(LEFT, y, WIDTH - RIGHT, y);
                g.setColor(Color.BLACK);
                String label = String.format(Locale.ROOT, v == Math.rint(v) ? "%.0f" : "%.1f", v);
                g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 5);
            }
            g.drawLine(LEFT, TOP, LEFT, TOP + plotHeight());
            g.drawLine(LEFT, TOP + plotHeight(), WIDTH - RIGHT, TOP + plotHeight());
        }

        int plotWidth() {
            return WIDTH - LEFT - RIGHT;
        }

        int plotHeight() {
            return HEIGHT - TOP - BOTTOM;
        }

        int y(double v) {
            return (int) Math.round(TOP + plotHeight() * (1 - Math.max(0, v) / top));
        }

        void xLabel(String text, double x) {
            g.setColor(Color.BLACK);
            centred(text, x, TOP + plotHeight() + 20);
        }

        void reference(Reference r) {
            if (r == null) {
                return;
            }
            g.setColor(new Color(0xd62728));
            g.setStroke(
                    new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
            int y = y(r.value());
            g.drawLine(LEFT, y, WIDTH - RIGHT, y);
            g.setStroke(new BasicStroke(1f));
            g.drawString(r.label(), LEFT + 8, y - 6);
        }

        void legend(List<Series> series) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            FontMetrics fm = g.getFontMetrics();
            int x = LEFT + 12;
            int y = TOP + 8;
            int w = 0;
            for (Series s : series) {
                w = Math.max(w, fm.stringWidth(s.name()));
            }
            g.setColor(new Color(255, 255, 255, 230));
            g.fillRect(x - 6, y - 4, w + 40, series.size() * 20 + 6);
            g.setColor(Color.GRAY);
            g.drawRect(x - 6, y - 4, w + 40, series.size() * 20 + 6);
            for (int k = 0; k < series.size(); k++) {
                g.setColor(COLOURS[k % COLOURS.length]);
                g.fillRect(x, y + k * 20 + 2, 18, 12);
                g.setColor(Color.BLACK);
                g.drawString(series.get(k).name(), x + 26, y + k * 20 + 13);
            }
        }

        void centred(String text, double x, double y) {
            int w = g.getFontMetrics().stringWidth(text);
            g.drawString(text, (float) (x - w / 2.0), (float) y);
        }

        void save(Path file) throws IOException {
            g.dispose();
            ImageIO.write(image, "png", file.toFile());
        }
    }
}
