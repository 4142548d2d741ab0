package org.strokescan.inference.control;

import org.strokescan.inference.entity.GateVerdict;
import org.strokescan.inference.entity.GateVerdict.Reason;
import org.strokescan.inference.entity.GrayImage;
import org.strokescan.inference.entity.PreparedImage;
import org.strokescan.inference.entity.PreprocessingSpec;

/**
 * Refuses images that are not axial head-CT slices before the classifier sees them. A transparent heuristic
 * over what a brain-windowed head-CT slice looks like: gray, black air around the head, a bright skull ring
 * around the centre, brain-window soft tissue inside, roughly left–right symmetric. Each band is the 0.5–99.5 %
 * range of that feature over the development half of the head-CT slices (odd patient numbers), widened a little;
 * the held-out half and the non-CT images measure it (see {@code InputGateTest}). It sees one image at a time and can
 * err: skull-base and vertex slices are the head-CT slices it most often refuses, chest CT the images it most
 * often lets through.
 */
public final class InputGate {

    static final int SIZE = 128;
    /** Above this an image is a colour image, whatever the model (training uses it too). */
    public static final double MAX_COLOURFULNESS = 0.02;
    static final double MIN_DARK = 0.40;
    static final double MAX_DARK = 0.92;
    static final double MAX_CORNER = 0.10;
    static final double MIN_BRIGHT = 0.02;
    static final double MAX_BRIGHT = 0.25;
    static final double MIN_SOFT_TISSUE = 0.36;
    static final double MAX_SOFT_TISSUE = 0.62;
    static final double MIN_RING = 0.38;
    static final double MIN_SYMMETRY = 0.35;

    private static final float AIR = 0.08f;
    private static final float BONE = 0.85f;
    private static final float RING_BONE = 0.75f;
    private static final int RAYS = 64;

    /** How the gate looks at an image; a model prepared the same way can reuse the gate's input. */
    public static final PreprocessingSpec SPEC = new PreprocessingSpec(SIZE, PreprocessingSpec.Normalisation.NONE, 0);

    private final Preprocessor preprocessor = new Preprocessor(SPEC);

    /** Measurements the verdict rests on; all fractions of the image area unless named otherwise. */
    public record Features(double dark, double corner, double bright, double softTissue, double ring, double symmetry) {
    }

    public GateVerdict check(GrayImage image, double colourfulness) {
        return check(prepare(image), colourfulness);
    }

    /** The image as the gate measures it ({@link #SPEC}). */
    public PreparedImage prepare(GrayImage image) {
        return preprocessor.prepare(image);
    }

    /** @param prepared the image prepared by {@link #prepare(GrayImage)} */
    public GateVerdict check(PreparedImage prepared, double colourfulness) {
        if (prepared.size() != SIZE) {
            throw new IllegalArgumentException("the gate measures " + SIZE + "² inputs, got " + prepared.size() + "²");
        }
        GateVerdict colour = checkColour(colourfulness);
        if (!colour.accepted()) {
            return colour;
        }
        Features f = measure(prepared);
        if (f.dark() > MAX_DARK) {
            return GateVerdict.reject(Reason.MOSTLY_BLACK, "This image is almost entirely black; no head is visible.");
        }
        if (f.dark() < MIN_DARK || f.corner() > MAX_CORNER) {
            return GateVerdict.reject(Reason.NO_AIR_AROUND_HEAD, "This does not look like a head-CT slice: there is no"
                    + " black air around the object.");
        }
        if (f.bright() > MAX_BRIGHT) {
            return GateVerdict.reject(Reason.TOO_MUCH_BRIGHT, "This does not look like a head-CT slice in a brain"
                    + " window: too much of it is bright white.");
        }
        if (f.bright() < MIN_BRIGHT || f.ring() < MIN_RING) {
            return GateVerdict.reject(Reason.NO_SKULL, "This does not look like a head-CT slice: no bright skull"
                    + " surrounds the centre.");
        }
        if (f.softTissue() < MIN_SOFT_TISSUE || f.softTissue() > MAX_SOFT_TISSUE) {
            return GateVerdict.reject(Reason.NOT_BRAIN_WINDOW, "This does not look like a head-CT slice in a brain"
                    + " window: the tissue inside has the wrong brightness.");
        }
        if (f.symmetry() < MIN_SYMMETRY) {
            return GateVerdict.reject(Reason.NOT_SYMMETRIC, "This does not look like an axial head-CT slice: it is"
                    + " not roughly left–right symmetric.");
        }
        return GateVerdict.accept();
    }

    /** The one rule that holds for any export of a head-CT slice: it is grey. */
    public GateVerdict checkColour(double colourfulness) {
        return colourfulness > MAX_COLOURFULNESS
                ? GateVerdict.reject(Reason.COLOUR, "This is a colour image; head-CT slices are grayscale.")
                : GateVerdict.accept();
    }

    static Features measure(PreparedImage prepared) {
        float[] t = prepared.tensor();
        int s = prepared.size();
        int x0 = prepared.contentX();
        int y0 = prepared.contentY();
        int w = prepared.contentWidth();
        int h = prepared.contentHeight();
        long dark = 0;
        long bright = 0;
        long foreground = 0;
        double cx = 0;
        double cy = 0;
        double soft = 0;
        long softCount = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                float v = t[y * s + x];
                if (v < AIR) {
                    dark++;
                } else {
                    foreground++;
                    cx += x;
                    cy += y;
                    if (v <= BONE) {
                        soft += v;
                        softCount++;
                    }
                }
                if (v > BONE) {
                    bright++;
                }
            }
        }
        double area = (double) w * h;
        if (foreground > 0) {
            cx /= foreground;
            cy /= foreground;
        }
        return new Features(dark / area, corners(t, s, x0, y0, w, h), bright / area,
                softCount == 0 ? 0 : soft / softCount, foreground == 0 ? 0 : ring(t, s, x0, y0, w, h, cx, cy),
                symmetry(t, s, x0, y0, w, h, cx));
    }

    /** Mean intensity of the four corner patches, each a tenth of the width and height. */
    private static double corners(float[] t, int s, int x0, int y0, int w, int h) {
        int cw = Math.max(1, w / 10);
        int ch = Math.max(1, h / 10);
        double sum = 0;
        int n = 0;
        for (int[] c : new int[][] {{x0, y0}, {x0 + w - cw, y0}, {x0, y0 + h - ch}, {x0 + w - cw, y0 + h - ch}}) {
            for (int y = c[1]; y < c[1] + ch; y++) {
                for (int x = c[0]; x < c[0] + cw; x++) {
                    sum += t[y * s + x];
                    n++;
                }
            }
        }
        return sum / n;
    }

    /** Share of rays from the centre of mass that meet bone in the outer 40 % of the object before leaving it. */
    private static double ring(float[] t, int s, int x0, int y0, int w, int h, double cx, double cy) {
        int hits = 0;
        float[] along = new float[2 * s];
        for (int r = 0; r < RAYS; r++) {
            double angle = 2 * Math.PI * r / RAYS;
            int last = -1;
            int k = 0;
            for (; k < along.length; k++) {
                int x = (int) Math.round(cx + Math.cos(angle) * k);
                int y = (int) Math.round(cy + Math.sin(angle) * k);
                if (x < x0 || y < y0 || x >= x0 + w || y >= y0 + h) {
                    break;
                }
                along[k] = t[y * s + x];
                if (along[k] >= AIR) {
                    last = k;
                }
            }
            if (last > 3) {
                for (int j = (int) (last * 0.6); j <= last; j++) {
                    if (along[j] > RING_BONE) {
                        hits++;
                        break;
                    }
                }
            }
        }
        return hits / (double) RAYS;
    }

    /** Pearson correlation of the image with its mirror about the vertical line through the centre of mass. */
    private static double symmetry(float[] t, int s, int x0, int y0, int w, int h, double cx) {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        long n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int mirrored = (int) Math.round(2 * cx - x);
                if (mirrored < x0 || mirrored >= x0 + w) {
                    continue;
                }
                double a = t[y * s + x];
                double b = t[y * s + mirrored];
                sa += a;
                sb += b;
                saa += a * a;
                sbb += b * b;
                sab += a * b;
                n++;
            }
        }
        if (n == 0) {
            return 0;
        }
        double covariance = sab / n - (sa / n) * (sb / n);
        double variance = (saa / n - (sa / n) * (sa / n)) * (sbb / n - (sb / n) * (sb / n));
        return variance <= 1e-12 ? 0 : covariance / Math.sqrt(variance);
    }
}
