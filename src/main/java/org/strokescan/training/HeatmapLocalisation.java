package org.strokescan.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVRecord;
import org.strokescan.inference.control.ImageIntake;
import org.strokescan.inference.control.Preprocessor;
import org.strokescan.inference.control.StrokeModel;
import org.strokescan.inference.entity.GrayImage;
import org.strokescan.inference.entity.IntakeResult;
import org.strokescan.inference.entity.PreparedImage;

/**
 * Whether a model's Grad-CAM heat map points at the blood: on every haemorrhage slice with a haematoma box
 * ({@code bbox_xyxy_512} in a manifest, as PHE-SICH-CT-IDS has), the share of slices whose heat-map maximum falls
 * inside a box (the pointing game) and the mean share of heat-map mass inside the boxes. The share of the image the
 * boxes cover is reported beside them: what a map that knows nothing would score on average.
 */
public final class HeatmapLocalisation {

    /** The manifest column with the boxes, {@code x1,y1,x2,y2} in 512-px coordinates, several separated by {@code ;}. */
    static final String BOX_COLUMN = "bbox_xyxy_512";
    private static final double BOX_GRID = 512;

    private HeatmapLocalisation() {
    }

    /** A box in the prepared image's pixel grid, corners inclusive-exclusive. */
    record Box(double x1, double y1, double x2, double y2) {

        boolean contains(double x, double y) {
            return x >= x1 && x < x2 && y >= y1 && y < y2;
        }
    }

    /**
     * @param slices  haemorrhage slices with a box that the model classified
     * @param hits    of them, slices whose heat-map maximum lies inside a box
     * @param mass    mean share of heat-map mass inside the boxes
     * @param chance  mean share of the image the boxes cover
     */
    public record Result(int slices, int hits, double mass, double chance) {

        public double pointing() {
            return slices == 0 ? Double.NaN : (double) hits / slices;
        }
    }

    /** Every boxed slice of {@code folder}'s manifest whose patient {@code patients} accepts, turned as in training. */
    public static Result measure(StrokeModel model, Path folder, int quarterTurns,
                                 Predicate<String> patients) throws IOException {
        Csv.Table manifest = Csv.read(folder.resolve("manifest.csv")).require("file", "patient_id", BOX_COLUMN);
        ImageIntake intake = new ImageIntake();
        Preprocessor preprocessor = new Preprocessor(model.card().preprocessing());
        int slices = 0;
        int hits = 0;
        double mass = 0;
        double chance = 0;
        for (CSVRecord row : manifest.rows()) {
            String boxes = row.get(BOX_COLUMN);
            if (boxes.isBlank() || !patients.test(row.get("patient_id"))) {
                continue;
            }
            if (!(intake.read(Files.readAllBytes(folder.resolve(row.get("file")))) instanceof IntakeResult.Accepted image)) {
                continue;
            }
            GrayImage turned = TriageTraining.rotate(image.image(), quarterTurns);
            PreparedImage prepared = preprocessor.prepare(turned);
            List<Box> inGrid = boxes(boxes, image.image().width(), image.image().height(), quarterTurns, prepared);
            double[] score = score(model.explain(prepared).heatmap(), prepared, inGrid);
            slices++;
            hits += score[0] > 0 ? 1 : 0;
            mass += score[1];
            chance += score[2];
        }
        return new Result(slices, hits, slices == 0 ? Double.NaN : mass / slices, slices == 0 ? Double.NaN : chance / slices);
    }

    /**
     * The boxes of one slice in the prepared image's grid: from 512-px coordinates to the stored image's, turned
     * clockwise by quarter turns as the slice was, then scaled and placed as the preprocessor placed the slice.
     */
    static List<Box> boxes(String field, int width, int height, int quarterTurns, PreparedImage prepared) {
        List<Box> out = new ArrayList<>();
        for (String part : field.split(";")) {
            String[] v = part.trim().split(",");
            double x1 = Double.parseDouble(v[0]) * width / BOX_GRID;
            double y1 = Double.parseDouble(v[1]) * height / BOX_GRID;
            double x2 = Double.parseDouble(v[2]) * width / BOX_GRID;
            double y2 = Double.parseDouble(v[3]) * height / BOX_GRID;
            int w = width;
            int h = height;
            for (int t = 0; t < Math.floorMod(quarterTurns, 4); t++) {
                // clockwise: (x, y) in a w × h image goes to (h - y, x) in an h × w one
                double nx1 = h - y2;
                double nx2 = h - y1;
                y1 = x1;
                y2 = x2;
                x1 = nx1;
                x2 = nx2;
                int swap = w;
                w = h;
                h = swap;
            }
            double scale = (double) prepared.contentWidth() / w;
            out.add(new Box(prepared.contentX() + x1 * scale, prepared.contentY() + y1 * scale,
                    prepared.contentX() + x2 * scale, prepared.contentY() + y2 * scale));
        }
        return out;
    }

    /** {hit (1 or 0), share of mass inside the boxes, share of the slice's area inside them} for one heat map. */
    static double[] score(float[] heatmap, PreparedImage prepared, List<Box> boxes) {
        int size = prepared.size();
        double total = 0;
        double inside = 0;
        int area = 0;
        int insideArea = 0;
        float best = -Float.MAX_VALUE;
        boolean bestInside = false;
        for (int y = prepared.contentY(); y < prepared.contentY() + prepared.contentHeight(); y++) {
            for (int x = prepared.contentX(); x < prepared.contentX() + prepared.contentWidth(); x++) {
                float v = Math.max(0, heatmap[y * size + x]);
                double cx = x + 0.5;
                double cy = y + 0.5;
                boolean in = boxes.stream().anyMatch(b -> b.contains(cx, cy));
                total += v;
                area++;
                if (in) {
                    inside += v;
                    insideArea++;
                }
                if (v > best) {
                    best = v;
                    bestInside = in;
                }
            }
        }
        return new double[] {bestInside && best > 0 ? 1 : 0, total > 0 ? inside / total : 0, (double) insideArea / area};
    }
}
