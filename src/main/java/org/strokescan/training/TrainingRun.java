package org.strokescan.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.strokescan.inference.control.Preprocessor;
import org.strokescan.inference.entity.ModelCard;
import org.strokescan.inference.entity.PreprocessingSpec;
import org.strokescan.training.Slices.Slice;

/**
 * The validation protocol and the final export. Patients, never slices, are split: k folds stratified by
 * whether a patient has any positive slice. For each fold a model is trained on the other folds and predicts the
 * fold (with early stopping, one of the other folds is held out to stop on). The pooled out-of-fold probabilities
 * give the calibration (Platt scaling), the threshold (highest with slice sensitivity ≥ the target) and the
 * reported metrics; the reported calibration error is cross-fitted (each fold calibrated by the other folds). The
 * shipped model is then trained on every patient — for the same number of epochs, or, with early stopping, for the
 * median best epoch of the folds. Every fold and the final run keep checkpoints in a work folder, so an interrupted
 * run can be resumed.
 */
public final class TrainingRun {

    /**
     * What to train and how to describe it.
     *
     * @param work                where checkpoints, per-fold predictions and {@code out-of-fold.csv} are kept
     * @param resume              go on with the run whose state is in {@code work}; without it, {@code work} must be
     *                            empty or absent
     * @param extraData           a second manifest-driven folder used for training only (never for early stopping,
     *                            calibration, the threshold or the reported metrics), or null
     * @param extraQuarterTurns   clockwise quarter turns that bring the extra data's orientation in line
     * @param extraLimitation     one more limitation for the model card (e.g. a data licence's terms), or null
     */
    public record Plan(Path data, String labelColumn, Path out, Path work, boolean resume, String name, String version,
                       int folds, double targetSensitivity, Learner learner, long seed, String trainingDataSummary,
                       Path extraData, int extraQuarterTurns, String extraLimitation) {
    }

    /** The file in the work folder with one row per development slice: its fold and out-of-fold probabilities. */
    public static final String OUT_OF_FOLD = "out-of-fold.csv";

    private TrainingRun() {
    }

    public static ModelCard run(Plan plan, PrintStream log) throws IOException {
        Learner learner = plan.learner();
        checkWorkFolder(plan);
        PreprocessingSpec spec = new PreprocessingSpec(learner.inputSize(), PreprocessingSpec.Normalisation.NONE, 0);
        long start = System.nanoTime();
        List<Slice> slices = Slices.load(plan.data(), plan.labelColumn(), new Preprocessor(spec));
        Map<String, List<Slice>> patients = Slices.byPatient(slices);
        log.printf(Locale.ROOT, "loaded %d slices of %d patients (%d positive slices) in %d s%n", slices.size(),
                patients.size(), slices.stream().filter(s -> s.label() == 1).count(),
                (System.nanoTime() - start) / 1_000_000_000);
        List<List<String>> folds = folds(patients, plan.folds(), plan.seed());
        List<Slice> extra = plan.extraData() == null ? List.of()
                : Slices.load(plan.extraData(), plan.labelColumn(), new Preprocessor(spec), "extra-",
                        plan.extraQuarterTurns());
        if (!extra.isEmpty()) {
            log.printf(Locale.ROOT, "extra training data: %d slices of %d patients (%d positive) from %s, turned %d×90°%n",
                    extra.size(), Slices.byPatient(extra).size(), extra.stream().filter(s -> s.label() == 1).count(),
                    plan.extraData(), plan.extraQuarterTurns());
        }
        boolean earlyStopping = learner.stopsEarly();

        Map<String, Double> raw = new LinkedHashMap<>();
        Map<String, Integer> foldOf = new LinkedHashMap<>();
        List<Integer> bestEpochs = new ArrayList<>();
        for (int k = 0; k < folds.size(); k++) {
            List<String> stopOn = earlyStopping ? folds.get((k + 1) % folds.size()) : List.of();
            List<Slice> test = select(patients, folds.get(k));
            int fold = k + 1;
            test.forEach(s -> foldOf.put(s.file(), fold));
            Path folder = plan.work().resolve("fold-" + fold);
            FoldResult done = FoldResult.read(folder);
            if (done != null) {
                log.printf(Locale.ROOT, "fold %d/%d: done before, predictions read from %s%n", fold, folds.size(), folder);
            } else {
                List<String> rest = new ArrayList<>(patients.keySet());
                rest.removeAll(folds.get(k));
                rest.removeAll(stopOn);
                List<Slice> training = new ArrayList<>(select(patients, rest));
                training.addAll(extra);
                List<Slice> validation = select(patients, stopOn);
                log.printf(Locale.ROOT, "fold %d/%d: train %d slices / %d patients, %s, test %d / %d%n", fold,
                        folds.size(), training.size(), rest.size(), earlyStopping ? String.format(Locale.ROOT,
                                "early-stopping %d / %d", validation.size(), stopOn.size()) : "no early stopping",
                        test.size(), folds.get(k).size());
                done = learner.fold(k, training, validation, test, folder, log::println);
                done.write(folder);
            }
            bestEpochs.add(done.bestEpoch());
            raw.putAll(done.predictions());
        }
        double[] rawOutOfFold = slices.stream().mapToDouble(s -> raw.get(s.file())).toArray();
        int[] fold = slices.stream().mapToInt(s -> foldOf.get(s.file())).toArray();
        int[] truth = slices.stream().mapToInt(Slice::label).toArray();
        Calibration calibration = Calibration.fit(rawOutOfFold, truth);
        // the threshold and metrics come from the probabilities as out-of-fold.csv holds them (six decimals): a
        // weak fold's near-equal probabilities tie once rounded, and the card must state what the file gives
        double[] outOfFold = asWritten(crossFittedCalibration(rawOutOfFold, truth, fold, folds.size()));
        rawOutOfFold = asWritten(rawOutOfFold);
        Evaluation.AtThreshold chosen = Evaluation.thresholdFor(outOfFold, truth, plan.targetSensitivity());
        double threshold = Math.clamp(chosen.threshold(), 1e-4, 1 - 1e-4);
        Map<String, Double> metrics = new LinkedHashMap<>(Evaluation.metrics("slice.", outOfFold, truth, threshold));
        metrics.put("slice.ece", Evaluation.expectedCalibrationError(outOfFold, truth));
        metrics.put("slice.uncalibratedEce", Evaluation.expectedCalibrationError(rawOutOfFold, truth));
        StudyScores studies = StudyScores.of(slices, outOfFold);
        metrics.putAll(Evaluation.metrics("patient.", studies.scores(), studies.truth(), threshold));
        metrics.put("threshold.targetSensitivity", plan.targetSensitivity());
        log.printf(Locale.ROOT, "out-of-fold: calibration a=%.4f b=%.4f, threshold %.4f, %s%n", calibration.a(),
                calibration.b(), threshold, metrics);
        logCurve(log, outOfFold, truth);
        writeOutOfFold(plan.work().resolve(OUT_OF_FOLD), slices, fold, outOfFold, rawOutOfFold);

        Collections.sort(bestEpochs);
        int finalEpochs = Math.max(1, bestEpochs.get(bestEpochs.size() / 2));
        log.printf(Locale.ROOT, "final model: all %d patients%s%n", patients.size(),
                earlyStopping ? ", " + finalEpochs + " epochs (median best epoch of the folds " + bestEpochs + ")" : "");
        List<Slice> everything = new ArrayList<>(slices);
        everything.addAll(extra);
        ModelExport.Network network = learner.last(everything, finalEpochs, plan.work().resolve("final"), log::println);
        ModelCard card = ModelExport.export(plan.out(), learner.inputSize(), network, calibration,
                files -> new ModelCard(plan.name(), plan.version(),
                        "Probability that one axial head-CT slice shows acute intracranial haemorrhage ("
                                + plan.labelColumn() + "); a study is flagged when any of its slices is.",
                        spec, threshold, plan.trainingDataSummary(),
                        validationText(plan, slices.size(), patients.size(), folds.size(), extra, calibration),
                        metrics,
                        "Decision support for clinicians triaging head CT for intracranial haemorrhage: it points at"
                                + " slices to read first. It does not diagnose, and a negative result does not rule"
                                + " out haemorrhage.",
                        limitations(plan, extra, metrics), files));
        log.printf(Locale.ROOT, "exported %s to %s (checksum %s) after %d s%n", card.id(), plan.out(), card.checksum(),
                (System.nanoTime() - start) / 1_000_000_000);
        return card;
    }

    private static void checkWorkFolder(Plan plan) throws IOException {
        if (!plan.resume() && Files.isDirectory(plan.work())) {
            try (var entries = Files.list(plan.work())) {
                if (entries.findAny().isPresent()) {
                    throw new IOException("the work folder " + plan.work() + " holds an earlier run: add --resume to go"
                            + " on with it, or remove the folder to start again");
                }
            }
        }
        Files.createDirectories(plan.work());
    }

    /** Each fold's probabilities calibrated by a Platt fit on the other folds only. */
    static double[] crossFittedCalibration(double[] raw, int[] truth, int[] fold, int folds) {
        double[] calibrated = new double[raw.length];
        for (int k = 1; k <= folds; k++) {
            int current = k;
            int[] others = IntStream.range(0, raw.length).filter(i -> fold[i] != current).toArray();
            Calibration c = Calibration.fit(Arrays.stream(others).mapToDouble(i -> raw[i]).toArray(),
                    Arrays.stream(others).map(i -> truth[i]).toArray());
            for (int i = 0; i < raw.length; i++) {
                if (fold[i] == current) {
                    calibrated[i] = c.apply(raw[i]);
                }
            }
        }
        return calibrated;
    }

    private static void writeOutOfFold(Path file, List<Slice> slices, int[] fold, double[] calibrated, double[] raw)
            throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = Csv.printer(writer, "file", "patient", "fold", "label", "probability", "uncalibrated")) {
            for (int i = 0; i < slices.size(); i++) {
                Slice s = slices.get(i);
                csv.printRecord(s.file(), s.patient(), fold[i], s.label(), decimal(calibrated[i]), decimal(raw[i]));
            }
        }
    }

    /** The probabilities as {@link #decimal(double)} writes them, read back. */
    static double[] asWritten(double[] values) {
        return Arrays.stream(values).map(value -> Double.parseDouble(decimal(value))).toArray();
    }

    /** A probability as the out-of-fold files write it: six decimals, a point. */
    static String decimal(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    private static String validationText(Plan plan, int slices, int patients, int folds, List<Slice> extra,
                                         Calibration calibration) {
        return String.format(Locale.ROOT, "Patient-grouped %d-fold cross-validation on %d slices of %d patients,"
                        + " stratified by patient ICH status; the model: %s; probabilities calibrated by Platt scaling fitted on the"
                        + " pooled out-of-fold predictions (a=%.3f, b=%.3f; the calibration error reported is"
                        + " cross-fitted, each fold calibrated by the others); threshold chosen on the out-of-fold"
                        + " probabilities as the highest with slice sensitivity >= %.2f; study-level score = the maximum"
                        + " slice probability of the patient. Metrics are out-of-fold estimates on %d patients only and"
                        + " carry wide uncertainty.%s", folds, slices, patients,
                plan.learner().description(),
                calibration.a(), calibration.b(), plan.targetSensitivity(), patients, extra.isEmpty() ? ""
                        : String.format(Locale.ROOT, " %d slices of %d other patients (%s) were added to the training"
                        + " folds only, never to calibration, threshold or metrics.", extra.size(),
                        Slices.byPatient(extra).size(), plan.extraData().getFileName()));
    }

    private static List<String> limitations(Plan plan, List<Slice> extra, Map<String, Double> metrics) {
        List<String> limitations = new ArrayList<>();
        limitations.add("Detects signs of intracranial haemorrhage only; it does not detect ischaemic stroke.");
        double patientSpecificity = metrics.get("patient.specificity");
        if (patientSpecificity < 0.7) {
            limitations.add(String.format(Locale.ROOT, "The study-level verdict (most suspicious slice) is not reliable"
                            + " yet: in validation %d of %d patients without haemorrhage had no slice above the"
                            + " threshold (patient AUC %.2f).", Math.round(patientSpecificity * metrics.get("patient.negatives")),
                    Math.round(metrics.get("patient.negatives")), metrics.get("patient.auc")));
        }
        limitations.add((extra.isEmpty() ? "Trained and validated on slices of one public dataset"
                : "Validated only on the slices of " + plan.data().getFileName() + "; also trained on "
                        + plan.extraData().getFileName()) + "; performance on other scanners, populations and windows is"
                + " unknown.");
        limitations.add("Sees " + plan.learner().input() + ", without neighbouring slices or clinical context.");
        limitations.add("Input must be a windowed axial head-CT slice exported as PNG or JPEG; other images are refused"
                + " by the input gate, which can err.");
        if (plan.extraLimitation() != null) {
            limitations.add(plan.extraLimitation());
        }
        return limitations;
    }

    /** A finished fold: its best epoch by validation loss and its test slices' uncalibrated probabilities. */
    public record FoldResult(int bestEpoch, Map<String, Double> predictions) {

        private static final String FILE = "predictions.csv";
        private static final String BEST_EPOCH = "best epoch ";

        void write(Path folder) throws IOException {
            Files.createDirectories(folder);
            try (Writer writer = Files.newBufferedWriter(folder.resolve(FILE), StandardCharsets.UTF_8);
                 CSVPrinter csv = Csv.printer(writer, List.of(BEST_EPOCH + bestEpoch), "file", "probability")) {
                for (Map.Entry<String, Double> p : predictions.entrySet()) {
                    csv.printRecord(p.getKey(), String.valueOf(p.getValue()));
                }
            }
        }

        static FoldResult read(Path folder) throws IOException {
            Path file = folder.resolve(FILE);
            if (!Files.exists(file)) {
                return null;
            }
            Csv.Table table = Csv.readCommented(file).require("file", "probability");
            if (table.comment() == null || !table.comment().startsWith(BEST_EPOCH)) {
                throw new IOException(file + " does not start with a line '# " + BEST_EPOCH + "<n>'");
            }
            int best = Integer.parseInt(table.comment().substring(BEST_EPOCH.length()).trim());
            Map<String, Double> predictions = new LinkedHashMap<>();
            for (CSVRecord row : table.rows()) {
                predictions.put(row.get("file"), Double.parseDouble(row.get("probability")));
            }
            return new FoldResult(best, predictions);
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
