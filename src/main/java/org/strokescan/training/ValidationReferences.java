package org.strokescan.training;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVRecord;
import org.strokescan.inference.control.ImageClassifier;
import org.strokescan.inference.control.ImageIntake;
import org.strokescan.inference.entity.ModelCard;
import org.strokescan.inference.entity.ValidationReference;
import org.strokescan.monitoring.control.DriftStatistics;

/**
 * The validation reference of a model card, from its training run's out-of-fold scores: what the drift watch
 * compares live traffic against. Flagged shares and agreement are taken at the card's own operating points (the
 * ones the server applies), not at each fold's.
 */
public final class ValidationReferences {

    /** Decimals the percentiles are rounded to. */
    static final int DECIMALS = 6;

    private ValidationReferences() {
    }

    /**
     * @param outOfFold the run's {@code out-of-fold.csv} (columns file, patient, label, probability; optional source,
     *                  study_probability: without it a study's probability is its most suspicious slice's)
     * @param images    the image folder of each source ({@code main}, {@code extra}; a CSV without a source column is
     *                  all {@code main}); empty: the reference has no image statistics
     */
    public static ValidationReference compute(ModelCard card, Path outOfFold, Map<String, Path> images)
            throws IOException {
        Csv.Table table = Csv.read(outOfFold).require("file", "patient", "label", "probability");
        boolean sources = table.has("source");
        boolean studyColumn = table.has("study_probability");
        double[] slices = new double[table.rows().size()];
        int flaggedSlices = 0;
        Map<String, double[]> studies = new TreeMap<>(); // source/patient -> study probability, any positive slice
        int i = 0;
        for (CSVRecord row : table.rows()) {
            double probability = Double.parseDouble(row.get("probability"));
            slices[i++] = probability;
            flaggedSlices += probability >= card.threshold() ? 1 : 0;
            String source = sources ? row.get("source") : "main";
            double study = studyColumn ? Double.parseDouble(row.get("study_probability")) : probability;
            boolean label = "1".equals(row.get("label"));
            studies.merge(source + "/" + row.get("patient"), new double[] {study, label ? 1 : 0},
                    (a, b) -> new double[] {studyColumn ? a[0] : Math.max(a[0], b[0]), Math.max(a[1], b[1])});
        }
        double studyThreshold = card.studyRule().threshold();
        double[] studyProbabilities = new double[studies.size()];
        int flaggedStudies = 0;
        int agreed = 0;
        int j = 0;
        for (double[] study : studies.values()) {
            studyProbabilities[j++] = study[0];
            boolean flagged = study[0] >= studyThreshold;
            flaggedStudies += flagged ? 1 : 0;
            agreed += flagged == (study[1] == 1) ? 1 : 0;
        }
        List<Double> meanGrey = null;
        Map<String, Double> sizes = null;
        String imageNote = "; no image statistics (the images were not at hand)";
        if (!images.isEmpty()) {
            double[] grey = new double[slices.length];
            Map<String, Integer> sizeCounts = new TreeMap<>();
            int k = 0;
            for (CSVRecord row : table.rows()) {
                String source = sources ? row.get("source") : "main";
                Path folder = images.get(source);
                if (folder == null) {
                    throw new IllegalArgumentException("no image folder given for source '" + source + "'");
                }
                Path file = folder.resolve(row.get("file"));
                BufferedImage image = ImageIO.read(file.toFile());
                if (image == null) {
                    throw new IOException("not a readable image: " + file);
                }
                grey[k++] = ImageClassifier.meanGrey(ImageIntake.toGray(image));
                sizeCounts.merge(image.getWidth() + "x" + image.getHeight(), 1, Integer::sum);
            }
            meanGrey = DriftStatistics.percentiles(grey, 4);
            sizes = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> entry : sizeCounts.entrySet()) {
                sizes.put(entry.getKey(), round((double) entry.getValue() / slices.length));
            }
            imageNote = "; mean grey level (0-255, BT.601 luminance as the server decodes) and size of each image file as"
                    + " stored in " + String.join(" and ", images.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue().getFileName()).toList());
        }
        String source = String.format(Locale.ROOT, "Out-of-fold validation scores of the training run (%s, %d slices"
                        + " of %d patients%s): every slice scored by the model of the fold that did not train on its"
                        + " patient; flagged shares and agreement at the card's thresholds (slice %.4f, study %.4f),"
                        + " agreement = study verdict equals the patient's label (any positive slice)%s.",
                outOfFold.getParent().getFileName() + "/" + outOfFold.getFileName(), slices.length, studies.size(),
                sources ? ", both sources" : "", card.threshold(), studyThreshold, imageNote);
        return new ValidationReference(source, slices.length, studies.size(),
                DriftStatistics.percentiles(slices, DECIMALS), DriftStatistics.percentiles(studyProbabilities, DECIMALS),
                round((double) flaggedSlices / slices.length), round((double) flaggedStudies / studies.size()),
                round((double) agreed / studies.size()), meanGrey, sizes);
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
