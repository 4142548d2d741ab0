package org.strokescan.training;

import java.util.SplittableRandom;
import org.strokescan.inference.control.Bilinear;

/**
 * Random variations of a prepared slice, as the paper used and a little more: rotation, zoom, shift and a
 * left–right flip in one bilinear affine warp, then brightness and contrast. Padding stays black, as in serving.
 */
public final class Augmenter {

    private final double maxRotationDegrees;
    private final double maxZoom;
    private final double maxShiftFraction;
    private final double maxBrightness;
    private final double maxContrast;

    public Augmenter(double maxRotationDegrees, double maxZoom, double maxShiftFraction, double maxBrightness,
                     double maxContrast) {
        this.maxRotationDegrees = maxRotationDegrees;
        this.maxZoom = maxZoom;
        this.maxShiftFraction = maxShiftFraction;
        this.maxBrightness = maxBrightness;
        this.maxContrast = maxContrast;
    }

    /** ±15°, ±10 % zoom, ±6 % shift, flips, ±0.08 brightness, ±15 % contrast. */
    public static Augmenter standard() {
        return new Augmenter(15, 0.10, 0.06, 0.08, 0.15);
    }

    public float[] augment(float[] tensor, int size, SplittableRandom random) {
        double angle = Math.toRadians(uniform(random, maxRotationDegrees));
        double zoom = 1 + uniform(random, maxZoom);
        double flip = random.nextBoolean() ? -1 : 1;
        double shiftX = uniform(random, maxShiftFraction) * size;
        double shiftY = uniform(random, maxShiftFraction) * size;
        double brightness = uniform(random, maxBrightness);
        double contrast = 1 + uniform(random, maxContrast);
        double cos = Math.cos(angle) / zoom;
        double sin = Math.sin(angle) / zoom;
        double centre = (size - 1) / 2.0;
        float[] out = new float[tensor.length];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                // inverse mapping: where in the source does this output pixel come from
                double dx = (x - centre - shiftX) * flip;
                double dy = y - centre - shiftY;
                double sx = cos * dx + sin * dy + centre;
                double sy = -sin * dx + cos * dy + centre;
                double v = sample(tensor, size, sx, sy);
                out[y * size + x] = (float) Math.clamp((v - 0.5) * contrast + 0.5 + brightness, 0, 1) * (v > 0 ? 1 : 0);
            }
        }
        return out;
    }

    /** Black outside the image, as the padding is. */
    private static double sample(float[] t, int size, double x, double y) {
        return x < 0 || y < 0 || x > size - 1 || y > size - 1 ? 0 : Bilinear.sample(t, size, size, x, y);
    }

    private static double uniform(SplittableRandom random, double max) {
        return (random.nextDouble() * 2 - 1) * max;
    }
}
