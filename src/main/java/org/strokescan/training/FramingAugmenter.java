package org.strokescan.training;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.strokescan.inference.entity.GrayImage;

/**
 * How a head-CT slice looks after someone else exported it: zoomed, turned, cropped tight to the skull, letterboxed
 * or cut to a non-square frame, with a viewer's letters, arrows and rulers burnt in, in another window, gamma or
 * contrast, at another resolution, saved as JPEG. Works on the decoded image and returns the encoded file, so what
 * training and the gate's stress test see is what the intake and the preprocessing make of a real export.
 */
public final class FramingAugmenter {

    /** One kind of change, alone (the stress test measures each) or combined ({@link #random}). */
    public enum Transform {
        ZOOM, ROTATE, TIGHT_CROP, LETTERBOX, NON_SQUARE, OVERLAY_TEXT, WINDOW, GAMMA, CONTRAST, JPEG, RESOLUTION
    }

    /** Below this a pixel counts as air: another window leaves air black. */
    private static final float AIR = 0.02f;

    private FramingAugmenter() {
    }

    /** The image through one transform at a random strength within the issue's ranges, as PNG (JPEG for {@code JPEG}). */
    public static byte[] apply(GrayImage image, Transform transform, SplittableRandom random) {
        BufferedImage out = render(image);
        out = change(out, transform, random);
        return transform == Transform.JPEG ? jpeg(out, 30 + random.nextInt(66)) : png(out);
    }

    /** The image through a random mix: each transform with probability {@code p}, then PNG or JPEG at random. */
    public static byte[] random(GrayImage image, double p, SplittableRandom random) {
        BufferedImage out = render(image);
        for (Transform t : List.of(Transform.WINDOW, Transform.GAMMA, Transform.CONTRAST, Transform.ZOOM,
                Transform.ROTATE, Transform.TIGHT_CROP, Transform.NON_SQUARE, Transform.LETTERBOX,
                Transform.OVERLAY_TEXT, Transform.RESOLUTION)) {
            if (random.nextDouble() < p) {
                out = change(out, t, random);
            }
        }
        return random.nextDouble() < p ? jpeg(out, 30 + random.nextInt(66)) : png(out);
    }

    /** Only what a non-CT image plausibly goes through on its way to us: turned, zoomed, gamma, JPEG. */
    public static byte[] mild(GrayImage image, SplittableRandom random) {
        BufferedImage out = render(image);
        for (Transform t : List.of(Transform.GAMMA, Transform.ZOOM, Transform.ROTATE)) {
            if (random.nextBoolean()) {
                out = change(out, t, random);
            }
        }
        return random.nextBoolean() ? jpeg(out, 30 + random.nextInt(66)) : png(out);
    }

    private static BufferedImage change(BufferedImage in, Transform transform, SplittableRandom random) {
        return switch (transform) {
            case ZOOM -> affine(in, 0, 0.6 + random.nextDouble() * 1.0);
            case ROTATE -> affine(in, Math.toRadians((random.nextDouble() * 2 - 1) * 20), 1);
            case TIGHT_CROP -> tightCrop(in, -0.08 + random.nextDouble() * 0.11);
            case LETTERBOX -> letterbox(in, 1.2 + random.nextDouble() * 0.6, random.nextBoolean(),
                    random.nextBoolean() ? 0 : 10 + random.nextInt(30));
            case NON_SQUARE -> centreCrop(in, 0.75 + random.nextDouble() * 0.58);
            case OVERLAY_TEXT -> overlay(in, random);
            case WINDOW -> window(in, 20 + random.nextDouble() * 60, 40 * Math.pow(10, random.nextDouble()));
            case GAMMA -> {
                double gamma = 0.6 + random.nextDouble();
                yield map(in, v -> Math.pow(v, gamma));
            }
            case CONTRAST -> {
                double gain = 0.7 + random.nextDouble() * 0.6;
                double shift = (random.nextDouble() * 2 - 1) * 0.1;
                yield map(in, v -> (v - 0.5) * gain + 0.5 + shift);
            }
            case RESOLUTION -> resize(in, 128 + random.nextInt(897));
            case JPEG -> in;
        };
    }

    /** 8-bit grey rendering of the decoded intensities. */
    static BufferedImage render(GrayImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((java.awt.image.DataBufferByte) out.getRaster().getDataBuffer()).getData();
        float[] pixels = image.pixels();
        for (int i = 0; i < pixels.length; i++) {
            data[i] = (byte) Math.round(Math.clamp(pixels[i], 0f, 1f) * 255);
        }
        return out;
    }

    /** Turned by {@code angle} and scaled by {@code zoom} about the centre, on a black canvas of the same size. */
    private static BufferedImage affine(BufferedImage in, double angle, double zoom) {
        BufferedImage out = new BufferedImage(in.getWidth(), in.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        AffineTransform t = new AffineTransform();
        t.translate(in.getWidth() / 2.0, in.getHeight() / 2.0);
        t.rotate(angle);
        t.scale(zoom, zoom);
        t.translate(-in.getWidth() / 2.0, -in.getHeight() / 2.0);
        g.drawImage(in, t, null);
        g.dispose();
        return out;
    }

    /** Cut to the head's bounding box plus {@code margin} of its size (negative: into the skull). */
    private static BufferedImage tightCrop(BufferedImage in, double margin) {
        int minX = in.getWidth();
        int minY = in.getHeight();
        int maxX = -1;
        int maxY = -1;
        var raster = in.getRaster();
        for (int y = 0; y < in.getHeight(); y++) {
            for (int x = 0; x < in.getWidth(); x++) {
                if (raster.getSample(x, y, 0) > 25) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        if (maxX < minX + 8 || maxY < minY + 8) {
            return in;
        }
        int mx = (int) Math.round((maxX - minX) * margin);
        int my = (int) Math.round((maxY - minY) * margin);
        int x0 = Math.clamp(minX - mx, 0, in.getWidth() - 2);
        int y0 = Math.clamp(minY - my, 0, in.getHeight() - 2);
        int x1 = Math.clamp(maxX + mx, x0 + 1, in.getWidth() - 1);
        int y1 = Math.clamp(maxY + my, y0 + 1, in.getHeight() - 1);
        return copy(in.getSubimage(x0, y0, x1 - x0 + 1, y1 - y0 + 1));
    }

    /** Centred on a wider (or taller) canvas of {@code aspect}, black or a viewer's dark grey. */
    private static BufferedImage letterbox(BufferedImage in, double aspect, boolean wide, int grey) {
        int w = wide ? (int) Math.round(in.getHeight() * aspect) : in.getWidth();
        int h = wide ? in.getHeight() : (int) Math.round(in.getWidth() * aspect);
        w = Math.max(w, in.getWidth());
        h = Math.max(h, in.getHeight());
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        g.setColor(new Color(grey, grey, grey));
        g.fillRect(0, 0, w, h);
        g.drawImage(in, (w - in.getWidth()) / 2, (h - in.getHeight()) / 2, null);
        g.dispose();
        return out;
    }

    /** The centre cut to width/height = {@code aspect}. */
    private static BufferedImage centreCrop(BufferedImage in, double aspect) {
        int w = in.getWidth();
        int h = in.getHeight();
        if (aspect < (double) w / h) {
            w = Math.max(8, (int) Math.round(h * aspect));
        } else {
            h = Math.max(8, (int) Math.round(w / aspect));
        }
        return copy(in.getSubimage((in.getWidth() - w) / 2, (in.getHeight() - h) / 2, w, h));
    }

    private static final String[] TEXT = {"A", "B", "C", "R", "L", "W:80 L:40", "W 400 L 40", "1.25 mm", "Se: 3",
            "Im: 12/34", "120 kV", "Ax", "HFS", "DFOV 24.0cm", "5 cm"};

    /** Letters in corners, a measurement line with ticks and an arrow, in white or light grey. */
    private static BufferedImage overlay(BufferedImage in, SplittableRandom random) {
        BufferedImage out = copy(in);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int w = out.getWidth();
        int h = out.getHeight();
        int shade = 180 + random.nextInt(76);
        g.setColor(new Color(shade, shade, shade));
        int size = Math.max(8, (int) Math.round(h * (0.03 + random.nextDouble() * 0.05)));
        g.setFont(new Font(Font.SANS_SERIF, random.nextBoolean() ? Font.BOLD : Font.PLAIN, size));
        int labels = 1 + random.nextInt(4);
        for (int i = 0; i < labels; i++) {
            String text = TEXT[random.nextInt(TEXT.length)];
            int x = random.nextBoolean() ? size / 2 : Math.max(0, w - g.getFontMetrics().stringWidth(text) - size / 2);
            int y = random.nextBoolean() ? size + size / 2 : h - size / 2;
            g.drawString(text, x, y);
        }
        g.setStroke(new BasicStroke(Math.max(1f, h / 200f)));
        if (random.nextBoolean()) {
            int x0 = (int) (w * (0.1 + random.nextDouble() * 0.3));
            int y0 = (int) (h * (0.85 + random.nextDouble() * 0.1));
            int length = (int) (w * (0.15 + random.nextDouble() * 0.3));
            g.drawLine(x0, y0, x0 + length, y0);
            for (int t = 0; t <= 5; t++) {
                int x = x0 + length * t / 5;
                g.drawLine(x, y0, x, y0 - size / 3);
            }
        }
        if (random.nextBoolean()) {
            int x1 = (int) (w * (0.3 + random.nextDouble() * 0.4));
            int y1 = (int) (h * (0.3 + random.nextDouble() * 0.4));
            int x0 = x1 + (int) (w * 0.12);
            int y0 = y1 - (int) (h * 0.12);
            g.drawLine(x0, y0, x1, y1);
            g.fillPolygon(new int[] {x1, x1 + size / 2, x1 + size / 6}, new int[] {y1, y1 - size / 6, y1 - size / 2}, 3);
        }
        g.dispose();
        return out;
    }

    /**
     * Another window on a brain-windowed export (level 40, width 80 HU): each grey level back to its HU, then into
     * the window {@code level}/{@code width}. Air stays black and bone (white, clipped in the export) stays white.
     */
    private static BufferedImage window(BufferedImage in, double level, double width) {
        return map(in, v -> v < AIR ? 0 : v > 0.98 ? 1 : (80 * v - level + width / 2) / width);
    }

    private static BufferedImage map(BufferedImage in, java.util.function.DoubleUnaryOperator f) {
        BufferedImage out = copy(in);
        var raster = out.getRaster();
        int[] lut = new int[256];
        for (int i = 0; i < 256; i++) {
            double v = i / 255.0;
            lut[i] = v < AIR ? 0 : (int) Math.round(Math.clamp(f.applyAsDouble(v), 0, 1) * 255);
        }
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                raster.setSample(x, y, 0, lut[raster.getSample(x, y, 0)]);
            }
        }
        return out;
    }

    /** Longer side to {@code longSide} pixels, bilinear. */
    private static BufferedImage resize(BufferedImage in, int longSide) {
        double scale = (double) longSide / Math.max(in.getWidth(), in.getHeight());
        int w = Math.max(1, (int) Math.round(in.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(in.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(in, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    private static BufferedImage copy(BufferedImage in) {
        BufferedImage out = new BufferedImage(in.getWidth(), in.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        g.drawImage(in, 0, 0, null);
        g.dispose();
        return out;
    }

    static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(image, "png", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] jpeg(BufferedImage image, int quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
            stream.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /** A transform's name as the reports write it. */
    public static String label(Transform t) {
        return t.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
