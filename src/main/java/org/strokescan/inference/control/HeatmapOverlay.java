package org.strokescan.inference.control;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.strokescan.inference.entity.GrayImage;
import org.strokescan.inference.entity.PreparedImage;

/**
 * Draws a Grad-CAM map over the image it explains: the map is cut back to where the image lay inside the
 * model's padded square, scaled to the image's size, and blended in a red-to-yellow scale where it is above a
 * tenth of its peak and the image is not air, so that unremarkable areas stay readable. A cyan line follows half
 * the peak and a cyan ring marks the peak itself, so a reader finds where the model looked even where the blend is
 * faint; neither is a lesion outline.
 */
public final class HeatmapOverlay {

    static final double OPACITY = 0.5;
    static final double FLOOR = 0.1;
    /** Darker than this is air around the head: never coloured, whatever the map says there. */
    static final float AIR = 0.03f;
    /** Contour and peak marker: cyan, a colour the red-to-yellow scale never takes. */
    static final int MARK = 0x00FFFF;

    private HeatmapOverlay() {
    }

    public static byte[] png(GrayImage image, PreparedImage prepared, float[] heatmap) {
        int size = prepared.size();
        if (heatmap.length != size * size) {
            throw new IllegalArgumentException("a " + size + "² heat map has " + size * size + " values, got " + heatmap.length);
        }
        int width = image.width();
        int height = image.height();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        double[] heats = new double[width * height];
        int peak = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double hx = prepared.contentX() + (x + 0.5) * prepared.contentWidth() / width - 0.5;
                double hy = prepared.contentY() + (y + 0.5) * prepared.contentHeight() / height - 0.5;
                double heat = Bilinear.sample(heatmap, size, size, hx, hy);
                heats[y * width + x] = heat;
                if (image.at(x, y) >= AIR && (peak < 0 || heat > heats[peak])) {
                    peak = y * width + x;
                }
                int gray = (int) Math.round(Math.clamp(image.at(x, y), 0f, 1f) * 255);
                int r = gray;
                int g = gray;
                int b = gray;
                if (heat > FLOOR && image.at(x, y) >= AIR) {
                    double alpha = OPACITY * Math.min(1, (heat - FLOOR) / (1 - FLOOR) * 1.5);
                    int hr = 255;
                    int hg = (int) Math.round(255 * Math.clamp((heat - 0.4) / 0.6, 0, 1));
                    r = blend(gray, hr, alpha);
                    g = blend(gray, hg, alpha);
                    b = blend(gray, 0, alpha);
                }
                out.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        if (peak >= 0 && heats[peak] > FLOOR) {
            drawContour(out, image, heats, heats[peak] / 2);
            drawRing(out, peak % width, peak / width, Math.max(4, Math.min(width, height) / 40));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // in memory, as in ImageIntake: ImageIO.write to a plain stream goes through a temporary file
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
            if (!ImageIO.write(out, "png", stream)) {
                throw new IllegalStateException("this JVM has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Tissue pixels at or above {@code level} with a 4-neighbour below it. */
    private static void drawContour(BufferedImage out, GrayImage image, double[] heats, double level) {
        int width = out.getWidth();
        int height = out.getHeight();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (heats[y * width + x] >= level && image.at(x, y) >= AIR
                        && (below(heats, width, height, x - 1, y, level) || below(heats, width, height, x + 1, y, level)
                        || below(heats, width, height, x, y - 1, level) || below(heats, width, height, x, y + 1, level))) {
                    out.setRGB(x, y, MARK);
                }
            }
        }
    }

    private static boolean below(double[] heats, int width, int height, int x, int y, double level) {
        return x >= 0 && y >= 0 && x < width && y < height && heats[y * width + x] < level;
    }

    private static void drawRing(BufferedImage out, int cx, int cy, int radius) {
        for (int y = Math.max(0, cy - radius - 1); y <= Math.min(out.getHeight() - 1, cy + radius + 1); y++) {
            for (int x = Math.max(0, cx - radius - 1); x <= Math.min(out.getWidth() - 1, cx + radius + 1); x++) {
                if (Math.abs(Math.hypot(x - cx, y - cy) - radius) < 0.75) {
                    out.setRGB(x, y, MARK);
                }
            }
        }
    }

    private static int blend(int base, int over, double alpha) {
        return (int) Math.round(base * (1 - alpha) + over * alpha);
    }
}
