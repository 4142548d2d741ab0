package org.strokescan.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.strokescan.inference.control.ImageIntake;
import org.strokescan.inference.entity.DicomWindow;
import org.strokescan.inference.entity.GrayImage;
import org.strokescan.inference.entity.IntakeResult;

/**
 * Finds the Hounsfield window under which a real head-CT DICOM slice looks like the models' training PNGs, which were
 * exported through a window nobody wrote down. Compared: the brain in the middle of the head (the central half, in
 * each direction, of the head's extent), on training slices where that box holds brain only (under 1 % saturated
 * white, under 5 % black: supratentorial slices like the DICOM sample). Per image the 10/25/50/75/90th percentiles of
 * that box; the training images' median of each against the DICOM slice's at each candidate window. Distance =
 * |Δ median| + |Δ interquartile range| + |Δ (P90 − P10)|: the centre moves the median, the width the spread.
 * <p>
 * {@code java ... org.strokescan.inference.WindowMatch [../shared/data]} (a main, not a test: it measures, and its
 * result is written into the model cards' {@code dicomWindow.how}).
 */
public final class WindowMatch {

    private static final ImageIntake INTAKE = new ImageIntake(25L << 20, 40_000_000);

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
        List<double[]> training = new ArrayList<>();
        int seen = 0;
        List<Path> files = new ArrayList<>(list(data.resolve("brain-ct/normal")));
        files.addAll(list(data.resolve("brain-ct/stroke")));
        List<Path> extra = list(data.resolve("phe-sich-ct-ids/images"));
        for (int i = 0; i < extra.size(); i += 5) { // every fifth: its slices are many and alike
            files.add(extra.get(i));
        }
        for (Path file : files) {
            if (INTAKE.read(Files.readAllBytes(file)) instanceof IntakeResult.Accepted accepted) {
                seen++;
                double[] q = brainQuantiles(accepted.image());
                if (q != null) {
                    training.add(q);
                }
            }
        }
        double[] target = new double[5];
        for (int k = 0; k < 5; k++) {
            final int j = k;
            target[k] = median(training.stream().mapToDouble(q -> q[j]).toArray());
        }
        System.out.printf(Locale.ROOT, "training: %d of %d slices with a brain-only centre; P10..P90 %s; IQR %.3f;"
                + " P90-P10 %.3f%n", training.size(), seen, fmt(target), target[3] - target[1], target[4] - target[0]);
        byte[] dicom = Files.readAllBytes(data.resolve("dicom-samples/ct_head_barre_CT-MONO2-16-brain.dcm"));
        double best = Double.MAX_VALUE;
        String bestWindow = "";
        for (int centre : new int[] {30, 35, 40, 45, 50}) {
            for (int width : new int[] {60, 70, 80, 90, 100, 120, 150, 200, 400}) {
                IntakeResult result = INTAKE.read(dicom, new DicomWindow(centre, width, ""));
                double[] q = brainQuantiles(((IntakeResult.Accepted) result).image(), true);
                double distance = Math.abs(q[2] - target[2]) + Math.abs((q[3] - q[1]) - (target[3] - target[1]))
                        + Math.abs((q[4] - q[0]) - (target[4] - target[0]));
                System.out.printf(Locale.ROOT, "%d/%d: P10..P90 %s; IQR %.3f; P90-P10 %.3f; distance %.3f%n", centre,
                        width, fmt(q), q[3] - q[1], q[4] - q[0], distance);
                if (distance < best) {
                    best = distance;
                    bestWindow = centre + "/" + width;
                }
            }
        }
        System.out.printf(Locale.ROOT, "best: %s (distance %.3f)%n", bestWindow, best);
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
    }

    static double[] brainQuantiles(GrayImage image) {
        return brainQuantiles(image, false);
    }

    /** Percentiles 10/25/50/75/90 of the head's central box; null where it is not brain only (unless forced). */
    static double[] brainQuantiles(GrayImage image, boolean always) {
        float[] v = image.pixels();
        int w = image.width();
        List<Integer> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            if (v[i] > 0.02f) {
                xs.add(i % w);
                ys.add(i / w);
            }
        }
        if (xs.size() < 100) {
            return null;
        }
        double x0 = percentile(xs, 2), x1 = percentile(xs, 98), y0 = percentile(ys, 2), y1 = percentile(ys, 98);
        double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, hx = (x1 - x0) / 4, hy = (y1 - y0) / 4;
        List<Float> box = new ArrayList<>();
        for (int y = (int) (cy - hy); y < (int) (cy + hy); y++) {
            for (int x = (int) (cx - hx); x < (int) (cx + hx); x++) {
                box.add(v[y * w + x]);
            }
        }
        double white = box.stream().filter(p -> p >= 0.98f).count() / (double) box.size();
        double black = box.stream().filter(p -> p <= 0.02f).count() / (double) box.size();
        if (!always && (white >= 0.01 || black >= 0.05)) {
            return null;
        }
        double[] sorted = box.stream().mapToDouble(Float::doubleValue).sorted().toArray();
        return new double[] {at(sorted, 10), at(sorted, 25), at(sorted, 50), at(sorted, 75), at(sorted, 90)};
    }

    private static double percentile(List<Integer> values, double p) {
        double[] sorted = values.stream().mapToDouble(Integer::doubleValue).sorted().toArray();
        return at(sorted, p);
    }

    private static double at(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p / 100 * (sorted.length - 1)))];
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String fmt(double[] q) {
        StringBuilder s = new StringBuilder();
        for (double x : q) {
            s.append(s.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.3f", x));
        }
        return s.toString();
    }
}
