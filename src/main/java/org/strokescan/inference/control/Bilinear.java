package org.strokescan.inference.control;

/** Bilinear interpolation in a row-major grid of values; positions beyond the edges take the edge values. */
public final class Bilinear {

    private Bilinear() {
    }

    public static double sample(float[] values, int width, int height, double x, double y) {
        double cx = Math.clamp(x, 0, width - 1);
        double cy = Math.clamp(y, 0, height - 1);
        int x0 = (int) cx;
        int y0 = (int) cy;
        int x1 = Math.min(x0 + 1, width - 1);
        int y1 = Math.min(y0 + 1, height - 1);
        double fx = cx - x0;
        double fy = cy - y0;
        double top = values[y0 * width + x0] * (1 - fx) + values[y0 * width + x1] * fx;
        double bottom = values[y1 * width + x0] * (1 - fx) + values[y1 * width + x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }
}
