package org.strokescan.training;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * A generated stand-in for an axial head-CT slice in a brain window (never a dataset image): black air, an
 * elliptical bright skull, gray brain with darker ventricles, and optionally a bright lens-shaped spot like a
 * haematoma. The CLI's {@code demo-series} writes series of them for a first try without any dataset; the tests
 * use them wherever an image only has to look like a head slice.
 */
public final class HeadPhantom {

    private HeadPhantom() {
    }

    public static BufferedImage image(int size, boolean bleed) {
        return image(size, bleed, 1.0);
    }

    /** {@code scale} below 1 shrinks the head, as slices do towards the top or base of the skull. */
    public static BufferedImage image(int size, boolean bleed, double scale) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        double c = size / 2.0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double r = Math.hypot((x - c) / (0.36 * scale * size), (y - c) / (0.44 * scale * size));
                int v;
                if (r > 1) {
                    v = 0;
                } else if (r > 0.9) {
                    v = 250;
                } else {
                    v = 118 + (int) (8 * Math.sin(x * 0.7) * Math.cos(y * 0.5));
                    if (Math.hypot((Math.abs(x - c) - 0.05 * size) / (0.03 * size), (y - c) / (0.12 * size)) < 1) {
                        v = 60;
                    }
                    if (bleed && Math.hypot((x - c - 0.2 * size) / (0.05 * size), (y - c + 0.1 * size) / (0.1 * size)) < 1) {
                        v = 200;
                    }
                }
                image.getRaster().setSample(x, y, 0, v);
            }
        }
        return image;
    }

    public static byte[] png(int size, boolean bleed) {
        return png(size, bleed, 1.0);
    }

    public static byte[] png(int size, boolean bleed, double scale) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image(size, bleed, scale), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
