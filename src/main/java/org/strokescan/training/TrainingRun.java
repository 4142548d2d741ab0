package org.strokescan.training;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.strokescan.inference.control.Preprocessor;
import org.strokescan.inference.entity.ModelCard;
import org.strokescan.inference.entity.PreprocessingSpec;
import org.strokescan.training.Slices.Slice;

/**
 * The validation protocol and the final export. Patients, never slices, are split: k folds stratified by
 * whether a patient has any positive slice. For each fold a model is trained on the other folds (one of them held
 * out for early stopping) and predicts the fold; the pooled out-of-fold probabilities give the threshold (highest
 * with slice sensitivity ≥ the target) and the reported metrics. The shipped model is then trained on every
 * patient for the median best epoch count of the folds.
 */
public final class TrainingRun {

    /** What to train and how to describe it. */
    /**
     * @param extraData           a second manifest-driven folder used for training only (never for early stopping,
     *                            the threshold or the reported metrics), or null
     * @param extraQuarterTurns   clockwise quarter turns that bring the extra data's orientation in line
     */
    public record Plan(Path data, String labelColumn, Path out, String name, String version, int folds,
                       double targetSensitivity, Trainer.Settings settings, String trainingDataSummary, Path extraData,
                       int extraQuarterTurns) {
    }

    private TrainingRun() {
    }

    public static ModelCard run(Plan plan, PrintStream log) throws IOException {
        Trainer.Settings settings = plan.settings();
        PreprocessingSpec spec = new PreprocessingSpec(settings.size(), PreprocessingSpec.Normalisation.NONE, 0);
        long start = System.nanoTime();
        List<Slice> slices = Slices.load(plan.data(), plan.labelColumn(), new Preprocessor(spec));
        Map<String, List<Slice>> patients = Slices.byPatient(slices);
        log.printf(Locale.ROOT, "loaded %d slices of %d patients (%d positive slices) in %d s%n", slices.size(),
                patients.size(), slices.stream().filter(s -> s.label() == 1).count(),
                (System.nanoTime() - start) / 1_000_000_000);
        List<List<String>> folds = folds(patients, plan.folds(), settings.seed());
        List<Slice> extra = plan.extraData() == null ? List.of()
                : Slices.load(plan.extraData(), plan.labelColumn(), new Preprocessor(spec), "extra-",
                        plan.extraQuarterTurns());
        if (!extra.isEmpty()) {
            log.printf(Locale.ROOT, "extra training data: %d slices of %d patients (%d positive) from %s, turned %d×90°%n",
                    extra.size(), Slices.byPatient(extra).size(), extra.stream().filter(s -> s.label() == 1).count(),
                    plan.extraData(), plan.extraQuarterTurns());
        }

        double[] outOfFold = new double[slices.size()];
        Map<Slice, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < slices.size(); i++) {
            index.put(slices.get(i), i);
        }
        List<Integer> bestEpochs = new ArrayList<>();
        for (int k = 0; k < folds.size(); k++) {
            List<String> earlyStopping = folds.get((k + 1) % folds.size());
            List<Slice> test = select(patients, folds.get(k));
            List<Slice> validation = select(patients, earlyStopping);
            List<String> rest = new ArrayList<>(patients.keySet());
            rest.removeAll(folds.get(k));
            rest.removeAll(earlyStopping);
            List<Slice> training = new ArrayList<>(select(patients, rest));
            training.addAll(extra);
            log.printf(Locale.ROOT, "fold %d/%d: train %d slices / %d patients, early-stopping %d / %d, test %d / %d%n",
                    k + 1, folds.size(), training.size(), rest.size(), validation.size(), earlyStopping.size(),
                    test.size(), folds.get(k).size());
            try (Trainer trainer = new Trainer(withSeed(settings, settings.seed() + k))) {
                List<Trainer.Epoch> epochs = trainer.fit(training, validation, e -> logEpoch(log, e));
                bestEpochs.add(epochs.stream().min((a, b) -> Double.compare(a.validationLoss(), b.validationLoss()))
                        .orElseThrow().number());
                float[] p = trainer.predict(test);
                for (int i = 0; i < test.size(); i++) {
                    outOfFold[index.get(test.get(i))] = p[i];
                }
            }
        }
        int[] truth = slices.stream().mapToInt(Slice::label).toArray();
        Evaluation.AtThreshold chosen = Evaluation.thresholdFor(outOfFold, truth, plan.targetSensitivity());
        double threshold = Math.clamp(chosen.threshold(), 1e-4, 1 - 1e-4);
        Map<String, Double> metrics = new LinkedHashMap<>(Evaluation.metrics("slice.", outOfFold, truth, threshold));
        StudyScores studies = StudyScores.of(slices, outOfFold);
        metrics.putAll(Evaluation.metrics("patient.", studies.scores(), studies.truth(), threshold));
        metrics.put("threshold.targetSensitivity", plan.targetSensitivity());
        log.printf(Locale.ROOT, "out-of-fold: threshold %.4f, %s%n", threshold, metrics);
        logCurve(log, outOfFold, truth);

        Collections.sort(bestEpochs);
        int finalEpochs = Math.max(1, bestEpochs.get(bestEpochs.size() / 2));
        log.printf(Locale.ROOT, "final model: all %d patients, %d epochs (median best epoch of the folds %s)%n",
                patients.size(), finalEpochs, bestEpochs);
        Trainer.Settings last = new Trainer.Settings(settings.size(), settings.batchSize(), finalEpochs, Integer.MAX_VALUE,
                settings.learningRate(), settings.l2(), settings.seed());
        try (Trainer trainer = new Trainer(last)) {
            List<Slice> everything = new ArrayList<>(slices);
            everything.addAll(extra);
            trainer.fit(everything, List.of(), e -> logEpoch(log, e));
            String validation = String.format(Locale.ROOT, "Patient-grouped %d-fold cross-validation on %d slices of %d"
                    + " patients, stratified by patient ICH status; early stopping on a separate fold of patients;"
                    + " threshold chosen on the pooled out-of-fold probabilities as the highest with slice sensitivity"
                    + " >= %.2f; study-level score = the maximum slice probability of the patient. Metrics are"
                    + " out-of-fold estimates on %d patients only and carry wide uncertainty.%s", folds.size(),
                    slices.size(), patients.size(), plan.targetSensitivity(), patients.size(), extra.isEmpty() ? ""
                            : String.format(Locale.ROOT, " %d slices of %d other patients (%s) were added to the training"
                            + " folds only, never to early stopping, threshold or metrics.", extra.size(),
                            Slices.byPatient(extra).size(), plan.extraData().getFileName()));
            ModelCard card = ModelExport.export(plan.out(), settings.size(), trainer.parameters(), files -> new ModelCard(
                    plan.name(), plan.version(),
                    "Probability that one axial head-CT slice shows acute intracranial haemorrhage (" + plan.labelColumn()
                            + "); a study is flagged when any of its slices is.",
                    spec, threshold, plan.trainingDataSummary(), validation, metrics,
                    "Decision support for clinicians triaging head CT for intracranial haemorrhage: it points at slices to"
                            + " read first. It does not diagnose, and a negative result does not rule out haemorrhage.",
                    List.of("Detects signs of intracranial haemorrhage only; it does not detect ischaemic stroke.",
                            (extra.isEmpty() ? "Trained on slices of one public dataset" : "Validated only on the slices of "
                                    + plan.data().getFileName() + "; also trained on " + plan.extraData().getFileName())
                                    + "; performance on other scanners, populations and windows is unknown.",
                            "Sees one 2-D slice at a time at " + settings.size() + " px, without neighbouring slices or"
                                    + " clinical context.",
                            "Input must be a windowed axial head-CT slice exported as PNG or JPEG; other images are"
                                    + " refused by the input gate, which can err."),
                    files));
            log.printf(Locale.ROOT, "exported %s to %s (checksum %s) after %d s%n", card.id(), plan.out(), card.checksum(),
                    (System.nanoTime() - start) / 1_000_000_000);
            return card;
        }
    }

    /** Patients split into k folds, positives and negatives dealt out separately so each fold has both. */
    static List<List<String>> folds(Map<String, List<Slice>> patients, int k, long seed) {
        List<String> positive = new ArrayList<>();
        List<String> negative = new ArrayList<>();
        patients.forEach((id, s) -> (s.stream().anyMatch(x -> x.label() == 1) ? positive : negative).add(id));
        SplittableRandom random = new SplittableRandom(seed);
        Collections.shuffle(positive, new java.util.Random(random.nextLong()));
        Collections.shuffle(negative, new java.util.Random(random.nextLong()));
        List<List<String>> folds = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            folds.add(new ArrayList<>());
        }
        int next = 0;
        for (String id : positive) {
            folds.get(next++ % k).add(id);
        }
        for (String id : negative) {
            folds.get(next++ % k).add(id);
        }
        return folds;
    }

    private static List<Slice> select(Map<String, List<Slice>> patients, List<String> ids) {
        List<Slice> selected = new ArrayList<>();
        ids.forEach(id -> selected.addAll(patients.get(id)));
        return selected;
    }

    private static Trainer.Settings withSeed(Trainer.Settings s, long seed) {
        return new Trainer.Settings(s.size(), s.batchSize(), s.maxEpochs(), s.patience(), s.learningRate(), s.l2(), seed);
    }

    private static void logEpoch(PrintStream log, Trainer.Epoch e) {
        log.printf(Locale.ROOT, "  epoch %2d  train loss %.4f  validation loss %.4f  %5.1f s%n", e.number(),
                e.trainLoss(), e.validationLoss(), e.millis() / 1000.0);
    }

    private static void logCurve(PrintStream log, double[] p, int[] truth) {
        log.println("  trade-off (slice level): threshold sensitivity specificity");
        for (double target : new double[] {0.80, 0.85, 0.90, 0.95, 0.98}) {
            Evaluation.AtThreshold at = Evaluation.thresholdFor(p, truth, target);
            log.printf(Locale.ROOT, "    %.4f  %.3f  %.3f%n", at.threshold(), at.sensitivity(), at.specificity());
        }
    }

    /** Study-level score per patient: the maximum slice probability; truth: any positive slice. */
    record StudyScores(double[] scores, int[] truth) {

        static StudyScores of(List<Slice> slices, double[] p) {
            return of(slices.stream().map(Slice::patient).toList(), p, slices.stream().mapToInt(Slice::label).toArray());
        }

        static StudyScores of(List<String> patients, double[] p, int[] y) {
            Map<String, double[]> byPatient = new LinkedHashMap<>();
            for (int i = 0; i < p.length; i++) {
                double[] entry = byPatient.computeIfAbsent(patients.get(i), id -> new double[2]);
                entry[0] = Math.max(entry[0], p[i]);
                entry[1] = Math.max(entry[1], y[i]);
            }
            return new StudyScores(byPatient.values().stream().mapToDouble(e -> e[0]).toArray(),
                    byPatient.values().stream().mapToInt(e -> (int) e[1]).toArray());
        }
    }
}
