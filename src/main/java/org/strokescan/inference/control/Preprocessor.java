package org.strokescan.inference.control;

import java.util.Arrays;
import org.strokescan.inference.entity.GrayImage;
import org.strokescan.inference.entity.PreparedImage;
import org.strokescan.inference.entity.PreprocessingSpec;

/**
 * The one preprocessing of StrokeScan, used by serving, the CLI and training alike: resize keeping the aspect
 * ratio (area averaging when shrinking, bilinear when enlarging), optional median filter, intensity
 * normalisation, then centring on a square of black padding. Pure Java float arithmetic, so the same input
 * gives the same tensor on every JVM.
 */
public final class Preprocessor {

    private final PreprocessingSpec spec;

    public Preprocessor(PreprocessingSpec spec) {
        this.spec = spec;
    }

    public PreparedImage prepare(GrayImage image) {
        int size = spec.inputSize();
        double scale = (double) size / Math.max(image.width(), image.height());
        int width = Math.clamp(Math.round(image.width() * scale), 1, size);
        int height = Math.clamp(Math.round(image.height() * scale), 1, size);
        float[] content = resize(image.pixels(), image.width(), image.height(), width, height);
        if (spec.medianKernel() > 0) {
            content = median(content, width, height, spec.medianKernel());
        }
        float background = normalise(content);
        float[] tensor = new float[size * size];
        Arrays.fill(tensor, background);
        int left = (size - width) / 2;
        int top = (size - height) / 2;
        for (int y = 0; y < height; y++) {
            System.arraycopy(content, y * width, tensor, (top + y) * size + left, width);
        }
        return new PreparedImage(tensor, size, left, top, width, height);
    }

    /** Normalises in place; returns the value that black (the padding) takes under the same mapping. */
    private float normalise(float[] values) {
        switch (spec.normalisation()) {
            case NONE -> {
                return 0f;
            }
            case MIN_MAX -> {
                float min = Float.MAX_VALUE;
                float max = -Float.MAX_VALUE;
                for (float v : values) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                float range = max - min;
                for (int i = 0; i < values.length; i++) {
                    values[i] = range > 0 ? (values[i] - min) / range : 0f;
                }
                return 0f;
            }
            case STANDARDIZE -> {
                double sum = 0;
                for (float v : values) {
                    sum += v;
                }
                double mean = sum / values.length;
                double squares = 0;
                for (float v : values) {
                    squares += (v - mean) * (v - mean);
                }
                double deviation = Math.sqrt(squares / values.length);
                double divisor = deviation > 1e-6 ? deviation : 1.0;
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) ((values[i] - mean) / divisor);
                }
                return (float) (-mean / divisor);
            }
            default -> throw new IllegalStateException(spec.normalisation().name());
        }
    }

    static float[] resize(float[] source, int sourceWidth, int sourceHeight, int width, int height) {
        float[] rows = resample(source, sourceWidth, sourceHeight, width, true);
        return resample(rows, width, sourceHeight, height, false);
    }

    /** One separable pass along x ({@code horizontal}) or y. */
    private static float[] resample(float[] source, int width, int height, int newLength, boolean horizontal) {
        int oldLength = horizontal ? width : height;
        int lines = horizontal ? height : width;
        int outWidth = horizontal ? newLength : width;
        float[] out = new float[horizontal ? newLength * height : width * newLength];
        float[] line = new float[oldLength];
        float[] resampled = new float[newLength];
        for (int l = 0; l < lines; l++) {
            for (int i = 0; i < oldLength; i++) {
                line[i] = horizontal ? source[l * width + i] : source[i * width + l];
            }
            if (newLength <= oldLength) {
                areaAverage(line, resampled);
            } else {
                linear(line, resampled);
            }
            for (int i = 0; i < newLength; i++) {
                if (horizontal) {
                    out[l * outWidth + i] = resampled[i];
                } else {
                    out[i * outWidth + l] = resampled[i];
                }
            }
        }
        return out;
    }

    /** Each output sample is the mean of the input it covers, partial samples weighted by their overlap. */
    private static void areaAverage(float[] in, float[] out) {
        double step = (double) in.length / out.length;
        for (int o = 0; o < out.length; o++) {
            double start = o * step;
            double end = start + step;
            double sum = 0;
            for (int i = (int) Math.floor(start); i < Math.min(in.length, (int) Math.ceil(end)); i++) {
                double overlap = Math.min(end, i + 1) - Math.max(start, i);
                sum += in[i] * overlap;
            }
            out[o] = (float) (sum / step);
        }
    }

    /** Linear interpolation between sample centres, edges held. */
    private static void linear(float[] in, float[] out) {
        double step = (double) in.length / out.length;
        for (int o = 0; o < out.length; o++) {
            double position = Math.clamp((o + 0.5) * step - 0.5, 0, in.length - 1);
            int left = (int) Math.floor(position);
            int right = Math.min(left + 1, in.length - 1);
            double t = position - left;
            out[o] = (float) (in[left] * (1 - t) + in[right] * t);
        }
    }

    /** Median over a {@code kernel × kernel} window, edges replicated. */
    static float[] median(float[] values, int width, int height, int kernel) {
        int radius = kernel / 2;
        float[] out = new float[values.length];
        float[] window = new float[kernel * kernel];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int n = 0;
                for (int dy = -radius; dy <= radius; dy++) {
                    int yy = Math.clamp(y + dy, 0, height - 1);
                    for (int dx = -radius; dx <= radius; dx++) {
                        window[n++] = values[yy * width + Math.clamp(x + dx, 0, width - 1)];
                    }
                }
                Arrays.sort(window);
                out[y * width + x] = window[window.length / 2];
            }
        }
        return out;
    }
}
