package org.strokescan.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.strokescan.inference.control.ImageClassifier;
import org.strokescan.inference.control.ImageIntake;
import org.strokescan.inference.control.StrokeModel;
import org.strokescan.inference.entity.Classification;
import org.strokescan.inference.entity.ModelCard;

/**
 * A model folder against a labelled, manifest-driven dataset. The model always runs over the data through exactly
 * the serving path (intake, input gate, preprocessing, engine). With the out-of-fold predictions of its training
 * run, those are the headline — the only honest numbers for data the model was trained on — and the serving pass
 * is shown as the training-set check it is. Writes an {@link EvaluationReport}.
 */
public final class ModelEvaluation {

    /**
     * What to evaluate.
     *
     * @param outOfFold   the training run's {@code out-of-fold.csv}, or null to report the serving pass itself
     * @param comparisons other runs' out-of-fold files over the same data, by a short name
     */
    public record Request(Path model, Path data, String labelColumn, Path outOfFold, Map<String, Path> comparisons,
                          Path reportFolder) {
    }

    /**
     * What came out.
     *
     * @param headline    the report's headline metrics (out-of-fold when a training run's file was given)
     * @param servingPass the same metrics of the model's own pass through the serving path
     * @param refused     slices the intake or the input gate refused
     */
    public record Result(Map<String, Double> headline, Map<String, Double> servingPass, int refused) {
    }

    private static final int BASELINE_FOLDS = 5;

    private ModelEvaluation() {
    }

    /** Writes the report into the request's folder. */
    public static Result evaluate(Request request) throws IOException {
        List<Slices.Annotated> annotated = Slices.annotated(request.data(), request.labelColumn());
        Map<String, Integer> refused = new LinkedHashMap<>();
        List<ScoredSlice> serving = new ArrayList<>();
        ModelCard card;
        try (StrokeModel model = StrokeModel.load(request.model(), 1)) {
            card = model.card();
            ImageClassifier classifier = new ImageClassifier(new ImageIntake(), model);
            for (Slices.Annotated slice : annotated) {
                Classification result = classifier.classify(Files.readAllBytes(request.data().resolve(slice.entry().file())));
                if (result instanceof Classification.Classified classified) {
                    serving.add(scored(slice, 0, classified.probability()));
                } else {
                    refused.merge(((Classification.Refused) result).reason().name(), 1, Integer::sum);
                }
            }
        }
        Map<String, List<ScoredSlice>> comparisons = new LinkedHashMap<>();
        for (Map.Entry<String, Path> comparison : request.comparisons().entrySet()) {
            comparisons.put(comparison.getKey(), outOfFold(comparison.getValue(), annotated));
        }
        EvaluationReport.Inputs inputs;
        if (request.outOfFold() != null) {
            Files.createDirectories(request.reportFolder());
            Path copy = request.reportFolder().resolve(TrainingRun.OUT_OF_FOLD);
            if (!Files.exists(copy) || !Files.isSameFile(copy, request.outOfFold())) {
                Files.copy(request.outOfFold(), copy, StandardCopyOption.REPLACE_EXISTING);
            }
            inputs = new EvaluationReport.Inputs(card, request.data(), request.labelColumn(),
                    outOfFold(request.outOfFold(), annotated), "The headline numbers are **out-of-fold**: the"
                    + " probabilities of the training run's patient-grouped cross-validation (`" + TrainingRun.OUT_OF_FOLD
                    + "` here), each slice scored by a model that never saw its patient, calibrated by a fit on the other"
                    + " folds. The shipped model itself was trained on all these patients; its own pass over them is at"
                    + " the end, for what it is.", comparisons, serving, refused);
        } else {
            inputs = new EvaluationReport.Inputs(card, request.data(), request.labelColumn(), withFolds(serving),
                    "The numbers are the model's own, through the serving path. If it was trained on any of these"
                    + " patients they are training-set numbers and say little about new patients; the model card's"
                    + " out-of-fold metrics are then the estimate to quote. (Folds here only serve the position-only"
                    + " baseline.)", comparisons, null, refused);
        }
        Map<String, Double> headline = EvaluationReport.write(inputs, request.reportFolder());
        return new Result(headline, EvaluationReport.metrics(serving, card.threshold()),
                refused.values().stream().mapToInt(Integer::intValue).sum());
    }

    /** The slices of {@code annotated} listed in a training run's out-of-fold file, with its fold and probability. */
    static List<ScoredSlice> outOfFold(Path file, List<Slices.Annotated> annotated) throws IOException {
        Csv.Table table = Csv.read(file);
        if (!table.has("file") || !table.has("fold") || !table.has("probability")) {
            throw new IOException(file + " is not an out-of-fold file: it needs the columns file, fold and probability");
        }
        Map<String, Slices.Annotated> byFile = new HashMap<>();
        annotated.forEach(a -> byFile.put(a.entry().file(), a));
        List<ScoredSlice> scored = new ArrayList<>();
        for (CSVRecord row : table.rows()) {
            Slices.Annotated slice = byFile.get(row.get("file"));
            if (slice == null) {
                throw new IOException(file + " lists " + row.get("file") + ", which the data's manifest does not");
            }
            scored.add(scored(slice, Integer.parseInt(row.get("fold")), Double.parseDouble(row.get("probability"))));
        }
        return scored;
    }

    private static ScoredSlice scored(Slices.Annotated slice, int fold, double probability) {
        return new ScoredSlice(slice.entry().file(), slice.entry().patient(), fold, slice.entry().label(),
                slice.folderLabel(), slice.subtypes(), slice.position(), probability);
    }

    /** Patient-grouped folds as training makes them, for the baseline of a report without a training run. */
    private static List<ScoredSlice> withFolds(List<ScoredSlice> scores) {
        Map<String, List<Slices.Slice>> patients = new java.util.TreeMap<>();
        scores.forEach(s -> patients.computeIfAbsent(s.patient(), k -> new ArrayList<>())
                .add(new Slices.Slice(s.file(), s.patient(), s.truth(), new float[0])));
        List<List<String>> folds = TrainingRun.folds(patients, BASELINE_FOLDS, 42L);
        Map<String, Integer> foldOf = new HashMap<>();
        for (int k = 0; k < folds.size(); k++) {
            for (String patient : folds.get(k)) {
                foldOf.put(patient, k + 1);
            }
        }
        return scores.stream().map(s -> new ScoredSlice(s.file(), s.patient(), foldOf.get(s.patient()), s.truth(),
                s.folderLabel(), s.subtypes(), s.position(), s.probability())).toList();
    }
}
