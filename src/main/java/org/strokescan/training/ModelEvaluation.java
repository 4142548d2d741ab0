package org.strokescan.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.strokescan.inference.control.ImageClassifier;
import org.strokescan.inference.control.ImageIntake;
import org.strokescan.inference.control.StrokeModel;
import org.strokescan.inference.entity.Classification;
import org.strokescan.inference.entity.ModelCard;

/**
 * A model folder against a labelled, manifest-driven dataset, through exactly the serving path (intake, input
 * gate, preprocessing, engine): slice and patient metrics at the card's threshold, ROC AUC, calibration, and how
 * many slices the gate refused. Writes a Markdown report.
 */
public final class ModelEvaluation {

    /** What came out: the metrics by name and the report's text. */
    public record Result(Map<String, Double> metrics, String report) {
    }

    private static final int CALIBRATION_BINS = 10;

    private ModelEvaluation() {
    }

    public static Result evaluate(Path modelFolder, Path data, String labelColumn) throws IOException {
        List<Double> probabilities = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        List<String> patients = new ArrayList<>();
        Map<String, Integer> refused = new LinkedHashMap<>();
        ModelCard card;
        try (StrokeModel model = StrokeModel.load(modelFolder, 1)) {
            card = model.card();
            ImageClassifier classifier = new ImageClassifier(new ImageIntake(), model);
            for (Slices.Entry entry : Slices.manifest(data, labelColumn)) {
                Classification result = classifier.classify(Files.readAllBytes(data.resolve(entry.file())));
                if (result instanceof Classification.Classified classified) {
                    probabilities.add((double) classified.probability());
                    truth.add(entry.label());
                    patients.add(entry.patient());
                } else {
                    refused.merge(((Classification.Refused) result).reason(), 1, Integer::sum);
                }
            }
        }
        double[] p = probabilities.stream().mapToDouble(Double::doubleValue).toArray();
        int[] y = truth.stream().mapToInt(Integer::intValue).toArray();
        Map<String, Double> metrics = new LinkedHashMap<>(Evaluation.metrics("slice.", p, y, card.threshold()));
        metrics.put("slice.ece", expectedCalibrationError(p, y));
        TrainingRun.StudyScores studies = TrainingRun.StudyScores.of(patients, p, y);
        metrics.putAll(Evaluation.metrics("patient.", studies.scores(), studies.truth(), card.threshold()));
        int refusedTotal = refused.values().stream().mapToInt(Integer::intValue).sum();
        metrics.put("gate.refused", (double) refusedTotal);
        return new Result(metrics, report(card, modelFolder, data, labelColumn, metrics, refused));
    }

    /**
     * Expected calibration error: the share-weighted mean gap between the mean predicted probability and the
     * observed positive rate over ten equal-width probability bins.
     */
    static double expectedCalibrationError(double[] p, int[] y) {
        double[] sum = new double[CALIBRATION_BINS];
        double[] positives = new double[CALIBRATION_BINS];
        int[] count = new int[CALIBRATION_BINS];
        for (int i = 0; i < p.length; i++) {
            int bin = Math.min(CALIBRATION_BINS - 1, (int) (p[i] * CALIBRATION_BINS));
            sum[bin] += p[i];
            positives[bin] += y[i];
            count[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < CALIBRATION_BINS; b++) {
            if (count[b] > 0) {
                ece += (double) count[b] / p.length * Math.abs(sum[b] / count[b] - positives[b] / count[b]);
            }
        }
        return ece;
    }

    private static String report(ModelCard card, Path modelFolder, Path data, String labelColumn,
                                 Map<String, Double> metrics, Map<String, Integer> refused) {
        StringBuilder md = new StringBuilder();
        md.append("# Evaluation of ").append(card.id()).append("\n\n");
        md.append(String.format(Locale.ROOT, "Model `%s` (checksum %s), threshold %.4f, on `%s` (label `%s`), through the"
                        + " serving path: intake, input gate, preprocessing, engine.%n%n", modelFolder, card.checksum(),
                card.threshold(), data, labelColumn));
        md.append("| metric | value |\n|---|---:|\n");
        metrics.forEach((name, value) -> md.append(String.format(Locale.ROOT, "| %s | %.4f |%n", name, value)));
        md.append("\nRefused by the input gate or the intake: ").append(refused.isEmpty() ? "none" : refused).append(".\n");
        md.append("\nIf the model was trained on this data, these are training-set numbers and say little about new"
                + " patients; the model card's out-of-fold metrics are the estimate to quote.\n");
        return md.toString();
    }
}
