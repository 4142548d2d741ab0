package org.strokescan.training;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.strokescan.inference.entity.ModelCard;

/**
 * Writes an evaluation into a folder: {@code report.md}, {@code metrics.json} and the plots (ROC, precision–recall,
 * reliability, confusion matrix). The headline numbers come with 95 % intervals from resampling patients and stand
 * next to a slice-position-only baseline scored on the same folds, and, where given, another model's scores.
 */
public final class EvaluationReport {

    /**
     * What to report.
     *
     * @param scores      the slices to report on, with the probabilities the headline numbers are about
     * @param source      one sentence on where those probabilities come from (out-of-fold or the serving path)
     * @param comparison  another model's scores of the same slices, by a short name, or empty
     * @param servingPass the shipped model over the same data through the serving path, when the headline is
     *                    out-of-fold (those are training-set numbers and are shown only as such), or null
     * @param refused     slices the intake or the input gate refused, by reason
     */
    public record Inputs(ModelCard card, Path data, String labelColumn, List<ScoredSlice> scores, String source,
                         Map<String, List<ScoredSlice>> comparison, List<ScoredSlice> servingPass,
                         Map<String, Integer> refused) {
    }

    static final int BOOTSTRAP_ROUNDS = 2000;
    private static final long BOOTSTRAP_SEED = 20261127L;
    private static final String MODEL = "this model";
    private static final String POSITION = "slice position only";

    private EvaluationReport() {
    }

    /** Writes the report into {@code folder} (created if absent) and returns the headline metrics. */
    public static Map<String, Double> write(Inputs in, Path folder) throws IOException {
        Files.createDirectories(folder);
        double threshold = in.card().threshold();
        List<ScoredSlice> scores = in.scores();
        Map<String, List<ScoredSlice>> columns = new LinkedHashMap<>();
        columns.put(MODEL, scores);
        if (scores.stream().noneMatch(s -> Double.isNaN(s.position()))) {
            columns.put(POSITION, PositionBaseline.outOfFold(scores));
        }
        columns.putAll(in.comparison());
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        columns.forEach((name, s) -> metrics.put(name, metrics(s, threshold)));
        Bootstrap bootstrap = new Bootstrap(scores, BOOTSTRAP_ROUNDS, BOOTSTRAP_SEED);
        Map<String, Bootstrap.Interval> intervals = bootstrap.intervals(s -> metrics(s, threshold));

        double[] p = ScoredSlice.probabilities(scores);
        int[] y = ScoredSlice.truth(scores);
        Evaluation.AtThreshold at = Evaluation.at(p, y, threshold);
        Map<String, List<double[]>> rocCurves = new LinkedHashMap<>();
        Map<String, List<double[]>> prCurves = new LinkedHashMap<>();
        columns.forEach((name, s) -> {
            double[] q = ScoredSlice.probabilities(s);
            rocCurves.put(String.format(Locale.ROOT, "%s (AUC %.3f)", name, metrics.get(name).get("slice.auc")),
                    Evaluation.roc(q, y));
            prCurves.put(String.format(Locale.ROOT, "%s (AP %.3f)", name, metrics.get(name).get("slice.prAuc")),
                    Evaluation.precisionRecall(q, y));
        });
        ReportCharts.roc(folder.resolve("roc.png"), "ROC, slice level (" + in.labelColumn() + ")", rocCurves);
        ReportCharts.precisionRecall(folder.resolve("precision-recall.png"), "Precision–recall, slice level", prCurves,
                (double) (at.tp() + at.fn()) / y.length);
        List<Evaluation.Bin> bins = Evaluation.reliability(p, y, Evaluation.CALIBRATION_BINS);
        ReportCharts.reliability(folder.resolve("reliability.png"), "Reliability (calibration), slice level", bins);
        ReportCharts.confusionMatrix(folder.resolve("confusion-matrix.png"),
                String.format(Locale.ROOT, "Confusion matrix at threshold %.4f", threshold), at);

        String markdown = markdown(in, metrics, intervals, at, bins);
        Files.writeString(folder.resolve("report.md"), markdown, StandardCharsets.UTF_8);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", in.card().id());
        json.put("checksum", in.card().checksum());
        json.put("threshold", threshold);
        json.put("data", in.data().toString());
        json.put("label", in.labelColumn());
        json.put("source", in.source());
        json.put("metrics", metrics);
        Map<String, double[]> ci = new LinkedHashMap<>();
        intervals.forEach((name, i) -> ci.put(name, new double[] {i.low(), i.high()}));
        json.put("intervals95", ci);
        Map<String, Object> bootstrapSettings = new LinkedHashMap<>(); // ordered, so a rerun writes the same file
        bootstrapSettings.put("unit", "patient");
        bootstrapSettings.put("rounds", BOOTSTRAP_ROUNDS);
        bootstrapSettings.put("seed", BOOTSTRAP_SEED);
        json.put("bootstrap", bootstrapSettings);
        json.put("refused", in.refused());
        if (in.servingPass() != null) {
            json.put("servingPassOnTheSameData", metrics(in.servingPass(), threshold));
        }
        Files.writeString(folder.resolve("metrics.json"), new GsonBuilder().setPrettyPrinting()
                .serializeSpecialFloatingPointValues().create().toJson(json), StandardCharsets.UTF_8);
        return metrics.get(MODEL);
    }

    /** The numbers of one set of scores: slice level, calibration and study level (a patient's highest slice). */
    static Map<String, Double> metrics(List<ScoredSlice> scores, double threshold) {
        double[] p = ScoredSlice.probabilities(scores);
        int[] y = ScoredSlice.truth(scores);
        Evaluation.AtThreshold at = Evaluation.at(p, y, threshold);
        TrainingRun.StudyScores studies = TrainingRun.StudyScores.of(scores.stream().map(ScoredSlice::patient).toList(), p, y);
        Evaluation.AtThreshold study = Evaluation.at(studies.scores(), studies.truth(), threshold);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("slice.auc", Evaluation.auc(p, y));
        m.put("slice.prAuc", Evaluation.averagePrecision(p, y));
        m.put("slice.sensitivity", at.sensitivity());
        m.put("slice.specificity", at.specificity());
        m.put("slice.precision", at.precision());
        m.put("slice.f1", at.f1());
        m.put("slice.accuracy", at.accuracy());
        m.put("slice.ece", Evaluation.expectedCalibrationError(p, y));
        m.put("patient.auc", Evaluation.auc(studies.scores(), studies.truth()));
        m.put("patient.sensitivity", study.sensitivity());
        m.put("patient.specificity", study.specificity());
        return m;
    }

    private static String markdown(Inputs in, Map<String, Map<String, Double>> metrics,
                                   Map<String, Bootstrap.Interval> intervals, Evaluation.AtThreshold at,
                                   List<Evaluation.Bin> bins) {
        List<ScoredSlice> scores = in.scores();
        double threshold = in.card().threshold();
        long patients = scores.stream().map(ScoredSlice::patient).distinct().count();
        StringBuilder md = new StringBuilder();
        md.append("# Evaluation of ").append(in.card().id()).append("\n\n");
        md.append(String.format(Locale.ROOT, "Model `%s` (checksum `%s`), threshold %.4f; data `%s`, label `%s`: %d"
                        + " slices of %d patients (%d with haemorrhage on a slice).%n%n", in.card().id(),
                in.card().checksum(), threshold, in.data(), in.labelColumn(), scores.size(), patients,
                scores.stream().filter(s -> s.truth() == 1).map(ScoredSlice::patient).distinct().count()));
        md.append(in.source()).append("\n\n");
        md.append("This model is decision support: it points at slices to read first. It detects signs of acute"
                + " intracranial haemorrhage, not ischaemic stroke, and a negative result does not rule haemorrhage out.\n\n");

        md.append("## Headline numbers\n\n");
        md.append(String.format(Locale.ROOT, "95 %% intervals: %d bootstrap resamples of patients (slices of one patient"
                + " move together). Sensitivity and specificity at the model's threshold %.4f; a study (patient) is"
                + " flagged when its most suspicious slice is. The position-only baseline scores each slice by the"
                + " haemorrhage rate of the other folds' slices at the same height in the head; its rows that depend on a"
                + " threshold use the model's and are shown only for completeness.%n%n", BOOTSTRAP_ROUNDS,
                threshold));
        List<String> names = List.copyOf(metrics.keySet());
        md.append("| metric | ").append(String.join(" | ", names)).append(" |\n|---|");
        md.append("---:|".repeat(names.size())).append('\n');
        for (String metric : metrics.get(MODEL).keySet()) {
            md.append("| ").append(metric).append(" | ");
            Bootstrap.Interval i = intervals.get(metric);
            md.append(String.format(Locale.ROOT, "%.3f (%.3f–%.3f)", i.estimate(), i.low(), i.high()));
            for (String name : names.subList(1, names.size())) {
                md.append(String.format(Locale.ROOT, " | %.3f", metrics.get(name).get(metric)));
            }
            md.append(" |\n");
        }
        md.append("\nThe calibration error of a resample is biased upwards (fewer slices per bin, more noise), so its"
                + " interval can lie above the estimate; read it as the spread, not as a bound.\n");
        md.append("\n![ROC](roc.png) ![Precision–recall](precision-recall.png)\n\n");

        perFold(md, scores);

        md.append("## Against the targets\n\n| target | measured | met |\n|---|---:|---|\n");
        Map<String, Double> m = metrics.get(MODEL);
        Evaluation.AtThreshold at80 = atSpecificity(ScoredSlice.probabilities(scores), ScoredSlice.truth(scores), 0.80);
        target(md, "slice ROC-AUC ≥ 0.90", m.get("slice.auc"), m.get("slice.auc") >= 0.90);
        target(md, "slice sensitivity ≥ 0.85 at specificity ≥ 0.80", at80.sensitivity(), at80.sensitivity() >= 0.85);
        target(md, "every haemorrhage patient flagged (patient sensitivity 1)", m.get("patient.sensitivity"),
                m.get("patient.sensitivity") >= 1);
        target(md, "≥ 70 % of the other patients cleared (patient specificity)", m.get("patient.specificity"),
                m.get("patient.specificity") >= 0.70);
        target(md, "expected calibration error ≤ 0.05", m.get("slice.ece"), m.get("slice.ece") <= 0.05);
        md.append('\n');

        md.append(String.format(Locale.ROOT, "## Classification report (slice level, `%s`, threshold %.4f)%n%n",
                in.labelColumn(), threshold));
        classificationReport(md, at, "no haemorrhage", "haemorrhage");
        md.append("\n| | predicted no haemorrhage | predicted haemorrhage |\n|---|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| no haemorrhage | %d | %d |%n| haemorrhage | %d | %d |%n%n", at.tn(), at.fp(),
                at.fn(), at.tp()));
        md.append("![Confusion matrix](confusion-matrix.png)\n\n");

        md.append("## Trade-off (slice level)\n\nThe highest threshold that reaches each sensitivity, and what it costs in"
                + " specificity:\n\n| target sensitivity | threshold | sensitivity | specificity | flagged slices |\n"
                + "|---:|---:|---:|---:|---:|\n");
        double[] p = ScoredSlice.probabilities(scores);
        int[] y = ScoredSlice.truth(scores);
        for (double target : new double[] {0.70, 0.80, 0.85, 0.90, 0.95, 0.98, 1.0}) {
            Evaluation.AtThreshold t = Evaluation.thresholdFor(p, y, target);
            md.append(String.format(Locale.ROOT, "| %.2f | %.4f | %.3f | %.3f | %d |%n", target, t.threshold(),
                    t.sensitivity(), t.specificity(), t.tp() + t.fp()));
        }

        md.append(String.format(Locale.ROOT, "%n## Calibration%n%nExpected calibration error (10 equal-width bins): %.4f."
                + "%n%n| bin | slices | mean probability | observed rate |%n|---|---:|---:|---:|%n", m.get("slice.ece")));
        bins.forEach(b -> md.append(String.format(Locale.ROOT, "| %.1f–%.1f | %d | %.3f | %.3f |%n", b.from(), b.to(),
                b.count(), b.meanProbability(), b.observedRate())));
        md.append("\n![Reliability diagram](reliability.png)\n\n");

        md.append("## Sensitivity by haemorrhage subtype (slice level, at the threshold)\n\n");
        md.append("| subtype | slices | found | sensitivity |\n|---|---:|---:|---:|\n");
        for (String subtype : Slices.SUBTYPES) {
            List<ScoredSlice> with = scores.stream().filter(s -> s.subtypes().contains(subtype)).toList();
            long found = with.stream().filter(s -> s.probability() >= threshold).count();
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s |%n", subtype, with.size(), found,
                    with.isEmpty() ? "–" : String.format(Locale.ROOT, "%.3f", (double) found / with.size())));
        }

        studyLevel(md, scores, threshold);
        paperProtocol(md, scores, threshold);

        if (in.servingPass() != null) {
            Map<String, Double> serving = metrics(in.servingPass(), threshold);
            md.append("\n## The shipped model through the serving path, on the same data\n\n");
            md.append("Intake, input gate, preprocessing and engine, as the server runs them. The shipped model was trained"
                    + " on these slices, so these are training-set numbers: they check the export and the serving path,"
                    + " and say nothing about new patients.\n\n| metric | value |\n|---|---:|\n");
            serving.forEach((name, value) -> md.append(String.format(Locale.ROOT, "| %s | %.3f |%n", name, value)));
        }
        md.append("\nRefused by the intake or the input gate: ").append(in.refused().isEmpty() ? "none"
                : in.refused().toString()).append(".\n");
        return md.toString();
    }

    /** Each cross-validation fold's own numbers next to the pooled ones (skipped without folds). */
    private static void perFold(StringBuilder md, List<ScoredSlice> scores) {
        java.util.SortedMap<Integer, List<ScoredSlice>> folds = new java.util.TreeMap<>();
        scores.forEach(s -> folds.computeIfAbsent(s.fold(), k -> new ArrayList<>()).add(s));
        if (folds.containsKey(0)) {
            return;
        }
        long patients = scores.stream().map(ScoredSlice::patient).distinct().count();
        md.append("## Per fold\n\nEach fold scored by the model trained without its patients. About "
                + Math.round((double) patients / folds.size()) + " patients per fold make the per-fold numbers swing;"
                + " the pooled row is the estimate.\n\n"
                + "| fold | patients (with haemorrhage) | slices (with haemorrhage) | slice AUC | patient AUC |\n"
                + "|---|---:|---:|---:|---:|\n");
        folds.forEach((fold, s) -> foldRow(md, String.valueOf(fold), s));
        foldRow(md, "pooled", scores);
        md.append('\n');
    }

    private static void foldRow(StringBuilder md, String name, List<ScoredSlice> s) {
        double[] p = ScoredSlice.probabilities(s);
        int[] y = ScoredSlice.truth(s);
        TrainingRun.StudyScores studies = TrainingRun.StudyScores.of(s.stream().map(ScoredSlice::patient).toList(), p, y);
        md.append(String.format(Locale.ROOT, "| %s | %d (%d) | %d (%d) | %.3f | %.3f |%n", name, studies.truth().length,
                java.util.Arrays.stream(studies.truth()).sum(), s.size(), java.util.Arrays.stream(y).sum(),
                Evaluation.auc(p, y), Evaluation.auc(studies.scores(), studies.truth())));
    }

    /** The point of the ROC curve with the highest sensitivity whose specificity is at least {@code specificity}. */
    static Evaluation.AtThreshold atSpecificity(double[] p, int[] y, double specificity) {
        return Evaluation.curve(p, y).stream().filter(t -> t.specificity() >= specificity)
                .max(java.util.Comparator.comparingDouble(Evaluation.AtThreshold::sensitivity)).orElseThrow();
    }

    private static void target(StringBuilder md, String target, double value, boolean met) {
        md.append(String.format(Locale.ROOT, "| %s | %.3f | %s |%n", target, value, met ? "yes" : "**no**"));
    }

    /** The table of scikit-learn's classification_report, which the paper printed. */
    private static void classificationReport(StringBuilder md, Evaluation.AtThreshold at, String negative, String positive) {
        Evaluation.AtThreshold flipped = new Evaluation.AtThreshold(at.threshold(), at.tn(), at.fn(), at.tp(), at.fp());
        int supportNegative = at.tn() + at.fp();
        int supportPositive = at.tp() + at.fn();
        int total = supportNegative + supportPositive;
        md.append("| class | precision | recall | f1-score | support |\n|---|---:|---:|---:|---:|\n");
        row(md, negative, flipped.precision(), flipped.sensitivity(), flipped.f1(), supportNegative);
        row(md, positive, at.precision(), at.sensitivity(), at.f1(), supportPositive);
        md.append(String.format(Locale.ROOT, "| accuracy | | | %.3f | %d |%n", at.accuracy(), total));
        row(md, "macro avg", (flipped.precision() + at.precision()) / 2, (flipped.sensitivity() + at.sensitivity()) / 2,
                (flipped.f1() + at.f1()) / 2, total);
        row(md, "weighted avg", weighted(flipped.precision(), at.precision(), supportNegative, supportPositive),
                weighted(flipped.sensitivity(), at.sensitivity(), supportNegative, supportPositive),
                weighted(flipped.f1(), at.f1(), supportNegative, supportPositive), total);
    }

    private static double weighted(double a, double b, int wa, int wb) {
        return (a * wa + b * wb) / (wa + wb);
    }

    private static void row(StringBuilder md, String name, double precision, double recall, double f1, int support) {
        md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %d |%n", name, precision, recall, f1, support));
    }

    /** One patient's study: the probability of its most suspicious slice, whether any slice bleeds, its fold. */
    private record Study(String patient, int fold, double score, int truth) {
    }

    private static List<Study> studies(List<ScoredSlice> scores) {
        Map<String, List<ScoredSlice>> byPatient = new java.util.TreeMap<>();
        scores.forEach(s -> byPatient.computeIfAbsent(s.patient(), k -> new ArrayList<>()).add(s));
        return byPatient.entrySet().stream().map(e -> new Study(e.getKey(), e.getValue().getFirst().fold(),
                e.getValue().stream().mapToDouble(ScoredSlice::probability).max().orElseThrow(),
                e.getValue().stream().mapToInt(ScoredSlice::truth).max().orElseThrow())).toList();
    }

    private static void studyLevel(StringBuilder md, List<ScoredSlice> scores, double threshold) {
        List<Study> studies = studies(scores);
        double[] score = studies.stream().mapToDouble(Study::score).toArray();
        int[] truth = studies.stream().mapToInt(Study::truth).toArray();
        Evaluation.AtThreshold at = Evaluation.at(score, truth, threshold);
        Evaluation.AtThreshold allFound = Evaluation.thresholdFor(score, truth, 1.0);
        md.append(String.format(Locale.ROOT, "%n## Study level (patients)%n%nA patient's score is the probability of its"
                        + " most suspicious slice. At the slice threshold %.4f: %d of %d haemorrhage patients flagged,"
                        + " %d of %d other patients cleared (patient AUC %.3f). The highest study threshold that still"
                        + " flags every haemorrhage patient would be %.4f; it would clear %d of %d others (specificity"
                        + " %.3f) — chosen on these same patients, so optimistic.%n", threshold, at.tp(), at.tp() + at.fn(),
                at.tn(), at.tn() + at.fp(), Evaluation.auc(score, truth), allFound.threshold(), allFound.tn(),
                allFound.tn() + allFound.fp(), allFound.specificity()));
        List<String> missed = studies.stream().filter(st -> st.truth() == 1 && st.score() < threshold)
                .map(Study::patient).toList();
        md.append("\nHaemorrhage patients not flagged at the threshold: ").append(missed.isEmpty() ? "none"
                : String.join(", ", missed)).append(".\n");
        if (studies.stream().noneMatch(st -> st.fold() == 0)) {
            crossValidatedStudyThreshold(md, studies);
        }
    }

    /**
     * The honest version of a separate study threshold: for each fold, the highest threshold that flags every
     * haemorrhage patient of the other folds, applied to this fold's patients.
     */
    private static void crossValidatedStudyThreshold(StringBuilder md, List<Study> studies) {
        int flagged = 0;
        int ill = 0;
        int cleared = 0;
        int others = 0;
        for (int fold : studies.stream().mapToInt(Study::fold).distinct().toArray()) {
            List<Study> rest = studies.stream().filter(st -> st.fold() != fold).toList();
            double threshold = Evaluation.thresholdFor(rest.stream().mapToDouble(Study::score).toArray(),
                    rest.stream().mapToInt(Study::truth).toArray(), 1.0).threshold();
            for (Study st : studies.stream().filter(st -> st.fold() == fold).toList()) {
                if (st.truth() == 1) {
                    ill++;
                    flagged += st.score() >= threshold ? 1 : 0;
                } else {
                    others++;
                    cleared += st.score() < threshold ? 1 : 0;
                }
            }
        }
        md.append(String.format(Locale.ROOT, "%nThe same idea cross-validated (each fold's study threshold chosen on the"
                + " other folds' patients as the highest that flags all their haemorrhage patients): %d of %d haemorrhage"
                + " patients flagged, %d of %d others cleared.%n", flagged, ill, cleared, others));
    }

    /** The paper's protocol: the folder label of every slice as its truth. */
    private static void paperProtocol(StringBuilder md, List<ScoredSlice> scores, double threshold) {
        List<ScoredSlice> labelled = scores.stream().filter(s -> s.folderLabel() != null).toList();
        if (labelled.isEmpty()) {
            return;
        }
        double[] p = ScoredSlice.probabilities(labelled);
        int[] folder = labelled.stream().mapToInt(s -> "normal".equals(s.folderLabel()) ? 0 : 1).toArray();
        Evaluation.AtThreshold at = Evaluation.at(p, folder, threshold);
        long strokeSlices = labelled.stream().filter(s -> !"normal".equals(s.folderLabel())).count();
        long strokeWithBlood = labelled.stream().filter(s -> !"normal".equals(s.folderLabel()) && s.truth() == 1).count();
        long normalWithBlood = labelled.stream().filter(s -> "normal".equals(s.folderLabel()) && s.truth() == 1).count();
        String normalPatientsWithBlood = String.join(", ", labelled.stream()
                .filter(s -> "normal".equals(s.folderLabel()) && s.truth() == 1).map(ScoredSlice::patient)
                .distinct().sorted().toList());
        md.append(String.format(Locale.ROOT, "%n## The paper's protocol, for comparison%n%nThe same probabilities scored"
                + " against the dataset's folder label (`normal`/`stroke`) of every slice, as the paper did. Slice ROC-AUC"
                + " against folder labels: %.3f.%n%n", Evaluation.auc(p, folder)));
        classificationReport(md, at, "normal (folder)", "stroke (folder)");
        md.append(String.format(Locale.ROOT, "%nWhy this is not a meaningful target: the folder label is the patient's,"
                + " copied to every slice. Of the %d slices in `stroke` folders only %d show haemorrhage; the rest are"
                + " slices through the skull base, the vertex or healthy brain of a patient who bleeds elsewhere. And %d"
                + " slices in `normal` folders do show haemorrhage (by the per-slice label; patients: %s). A slice classifier that scores well against folder labels has learnt to recognise the"
                + " patient or the scan, not the blood — with slices of one patient on both sides of a random split,"
                + " that is easy and says nothing about new patients. We train and measure on the radiologists' per-slice"
                + " label and split by patient.%n", strokeSlices, strokeWithBlood, normalWithBlood,
                normalPatientsWithBlood.isEmpty() ? "none" : normalPatientsWithBlood));
    }
}
