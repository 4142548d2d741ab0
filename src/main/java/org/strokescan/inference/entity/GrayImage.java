package org.strokescan.inference.entity;

/**
 * A decoded image as intensities in [0, 1], row by row; colour images are reduced to luminance and 16-bit
 * images keep their full precision. The pixel array is never shared with callers.
 */
public final class GrayImage {

    private final int width;
    private final int height;
    private final float[] pixels;

    public GrayImage(int width, int height, float[] pixels) {
        if (width <= 0 || height <= 0 || pixels.length != (long) width * height) {
            throw new IllegalArgumentException("a " + width + "×" + height + " image needs " + (long) width * height
                    + " pixels, got " + pixels.length);
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels.clone();
    }

    public int width() { return width; }
    public int height() { return height; }

    public float at(int x, int y) {
        return pixels[y * width + x];
    }

    public float[] pixels() {
        return pixels.clone();
    }
}
