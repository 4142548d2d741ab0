package org.strokescan.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVRecord;
import org.strokescan.inference.entity.StudyRule;
import org.strokescan.training.TriageTraining.Item;

/** The tables of a {@link TriageTraining} run as Markdown, beside the earlier models' committed out-of-fold scores. */
final class TriageReport {

    private static final int BOOTSTRAP = 1000;

    private final TriageTraining.Plan plan;
    private final StringBuilder md = new StringBuilder();
    private final Map<String, Double> extra = new TreeMap<>();

    TriageReport(TriageTraining.Plan plan) {
        this.plan = plan;
        md.append("# Model ").append(plan.name()).append('/').append(plan.version()).append(": triage report\n\n")
                .append("Protocol fixed before the first run: `src/site/markdown/model-2-protocol.md`. Every number")
                .append(" below comes from patients the scoring model never trained on, except the heat-map rows marked")
                .append(" optimistic. Decision support, not a")
                .append(" diagnosis: it detects signs of acute intracranial haemorrhage, not ischaemic stroke.\n\n");
    }

    Map<String, Double> extraMetrics() {
        return extra;
    }

    /** One outer fold of the main source, scored at the operating points its inner folds chose. */
    record FoldRow(int fold, int patients, int positivePatients, int slices, int positiveSlices, double sliceAuc,
                   double studyAuc, int flagged, int cleared, double sliceThreshold, double studyThreshold) {

        static FoldRow of(int fold, List<Item> scored, double[] p, TriageTraining.OperatingPoints inner,
                          TriageTraining.Studies studies, double[] studyP) {
            int[] main = IntStream.range(0, scored.size()).filter(i -> TriageTraining.MAIN.equals(scored.get(i).source()))
                    .toArray();
            double[] sp = Arrays.stream(main).mapToDouble(i -> p[i]).toArray();
            int[] sy = Arrays.stream(main).map(i -> scored.get(i).label()).toArray();
            int[] studyIndex = IntStream.range(0, studyP.length)
                    .filter(s -> TriageTraining.MAIN.equals(studies.sources()[s])).toArray();
            double[] stP = Arrays.stream(studyIndex).mapToDouble(s -> studyP[s]).toArray();
            int[] stY = Arrays.stream(studyIndex).map(s -> studies.truth()[s]).toArray();
            int flagged = 0;
            int cleared = 0;
            for (int s = 0; s < stP.length; s++) {
                boolean positive = stP[s] >= inner.study().threshold();
                flagged += stY[s] == 1 && positive ? 1 : 0;
                cleared += stY[s] == 0 && !positive ? 1 : 0;
            }
            return new FoldRow(fold, stP.length, Arrays.stream(stY).sum(), sp.length, Arrays.stream(sy).sum(),
                    Evaluation.auc(sp, sy), Evaluation.auc(stP, stY), flagged, cleared, inner.sliceThreshold(),
                    inner.study().threshold());
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "slice AUC %.3f, study AUC %.3f, flagged %d/%d, cleared %d/%d,"
                    + " thresholds slice %.4f study %.4f", sliceAuc, studyAuc, flagged, positivePatients, cleared,
                    patients - positivePatients, sliceThreshold, studyThreshold);
        }
    }

    /** The outer cross-validation's tables; returns the card's metrics (main source only). */
    Map<String, Double> crossValidation(List<FoldRow> rows, List<Item> order, Map<Item, Double> calibrated,
                                        Map<Item, Integer> foldOf, Map<String, double[]> studies) {
        List<Item> main = order.stream().filter(i -> TriageTraining.MAIN.equals(i.source())).toList();
        double[] p = main.stream().mapToDouble(calibrated::get).toArray();
        int[] y = main.stream().mapToInt(Item::label).toArray();
        List<String> patients = studies.keySet().stream().filter(id -> studies.get(id)[4] == 1).toList();
        double[] studyP = patients.stream().mapToDouble(id -> studies.get(id)[0]).toArray();
        int[] studyY = patients.stream().mapToInt(id -> (int) studies.get(id)[2]).toArray();
        int[] studyFlag = patients.stream().mapToInt(id -> (int) studies.get(id)[1]).toArray();
        int positives = Arrays.stream(studyY).sum();
        int flagged = 0;
        int cleared = 0;
        for (int s = 0; s < studyY.length; s++) {
            flagged += studyY[s] == 1 && studyFlag[s] == 1 ? 1 : 0;
            cleared += studyY[s] == 0 && studyFlag[s] == 0 ? 1 : 0;
        }
        // slice labels at each fold's own slice threshold
        Map<Integer, Double> sliceThreshold = new LinkedHashMap<>();
        rows.forEach(r -> sliceThreshold.put(r.fold(), r.sliceThreshold()));
        int tp = 0;
        int tn = 0;
        for (int i = 0; i < main.size(); i++) {
            boolean positive = p[i] >= sliceThreshold.get(foldOf.get(main.get(i)));
            tp += y[i] == 1 && positive ? 1 : 0;
            tn += y[i] == 0 && !positive ? 1 : 0;
        }
        int slicePositives = Arrays.stream(y).sum();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("slice.auc", Evaluation.auc(p, y));
        metrics.put("slice.prAuc", Evaluation.averagePrecision(p, y));
        metrics.put("slice.sensitivity", (double) tp / slicePositives);
        metrics.put("slice.specificity", (double) tn / (y.length - slicePositives));
        metrics.put("slice.ece", Evaluation.expectedCalibrationError(p, y));
        metrics.put("slice.positives", (double) slicePositives);
        metrics.put("slice.negatives", (double) (y.length - slicePositives));
        metrics.put("study.auc", Evaluation.auc(studyP, studyY));
        metrics.put("study.sensitivity", (double) flagged / positives);
        metrics.put("study.specificity", (double) cleared / (studyY.length - positives));
        metrics.put("study.positives", (double) positives);
        metrics.put("study.negatives", (double) (studyY.length - positives));
        metrics.put("study.ece", Evaluation.expectedCalibrationError(studyP, studyY));

        double[][] sliceCi = bootstrap(main, p, y, patients, studyP, studyY);
        md.append("## Cross-validation on ").append(plan.data().getFileName()).append(" (outer folds)\n\n")
                .append("Each fold is scored by a model trained without its patients, at the operating points chosen on")
                .append(" its own inner folds (never on the fold itself). Slice threshold: sensitivity >= ")
                .append(plan.targetSensitivity()).append("; study threshold: >= ").append(plan.targetSensitivity())
                .append(" of the haemorrhage patients of each source flagged. With about ")
                .append(Math.round((double) patients.size() / rows.size()))
                .append(" patients per fold, per-fold numbers swing; the pooled row is the estimate.\n\n")
                .append("| fold | patients (with haemorrhage) | slices (with haemorrhage) | slice AUC | study AUC |")
                .append(" haemorrhage patients flagged | others cleared | slice threshold | study threshold |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (FoldRow r : rows) {
            md.append(String.format(Locale.ROOT, "| %d | %d (%d) | %d (%d) | %.3f | %.3f | %d of %d | %d of %d | %.4f | %.4f |%n",
                    r.fold(), r.patients(), r.positivePatients(), r.slices(), r.positiveSlices(), r.sliceAuc(),
                    r.studyAuc(), r.flagged(), r.positivePatients(), r.cleared(), r.patients() - r.positivePatients(),
                    r.sliceThreshold(), r.studyThreshold()));
        }
        md.append(String.format(Locale.ROOT, "| pooled | %d (%d) | %d (%d) | %.3f (%.3f–%.3f) | %.3f (%.3f–%.3f) | %d of %d | %d of %d | | |%n%n",
                studyY.length, positives, y.length, slicePositives, metrics.get("slice.auc"), sliceCi[0][0], sliceCi[0][1],
                metrics.get("study.auc"), sliceCi[1][0], sliceCi[1][1], flagged, positives, cleared,
                studyY.length - positives));
        md.append("95 % intervals: ").append(BOOTSTRAP).append(" resamples of patients.\n\n");

        md.append("## Beside the earlier models (same patients, same outer folds)\n\n")
                .append("| | slice AUC | slice PR AUC | study AUC | study rule | haemorrhage patients flagged | others cleared |\n")
                .append("|---|---:|---:|---:|---|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| **%s** | **%.3f** | **%.3f** | **%.3f** | mean of top-%d logits, own threshold | **%d of %d** | **%d of %d** |%n",
                plan.version(), metrics.get("slice.auc"), metrics.get("slice.prAuc"), metrics.get("study.auc"),
                plan.studyK(), flagged, positives, cleared, studyY.length - positives));
        earlier("1.3.0 (frozen MobileNetV2, logistic head)", "1.3.0");
        earlier("1.2.0 (from-scratch CNN, baseline)", "1.2.0");
        positionBaseline(main, y, foldOf);
        md.append("\nEarlier models flag a study when its most suspicious slice is above the slice threshold (rows from")
                .append(" their committed `out-of-fold.csv`, their own thresholds chosen on the same out-of-fold scores).\n\n");

        md.append("## Calibration per source (outer out-of-fold, each fold calibrated on its inner folds)\n\n")
                .append("| source | slices | mean probability | observed rate | ECE (10 bins) |\n|---|---:|---:|---:|---:|\n");
        for (String source : List.of(TriageTraining.MAIN, TriageTraining.EXTRA)) {
            List<Item> of = order.stream().filter(i -> i.source().equals(source)).toList();
            double[] sp = of.stream().mapToDouble(calibrated::get).toArray();
            int[] sy = of.stream().mapToInt(Item::label).toArray();
            double ece = Evaluation.expectedCalibrationError(sp, sy);
            extra.put("calibration." + source + ".ece", ece);
            md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f |%n", sourceName(source), sp.length,
                    Arrays.stream(sp).average().orElse(Double.NaN), Arrays.stream(sy).average().orElse(Double.NaN), ece));
        }
        md.append('\n');
        return metrics;
    }

    private void earlier(String label, String version) {
        Path csv = Path.of("src/main/models/strokescan-ich/" + version + ".report/out-of-fold.csv");
        if (!Files.exists(csv)) {
            md.append("| ").append(label).append(" | not found: ").append(csv).append(" | | | | | |\n");
            return;
        }
        try {
            List<CSVRecord> rows = Csv.read(csv).require("patient", "label", "probability").rows();
            int n = rows.size();
            double[] p = new double[n];
            int[] y = new int[n];
            String[] patient = new String[n];
            for (int i = 0; i < n; i++) {
                patient[i] = rows.get(i).get("patient");
                y[i] = Integer.parseInt(rows.get(i).get("label"));
                p[i] = Double.parseDouble(rows.get(i).get("probability"));
            }
            double threshold = Evaluation.thresholdFor(p, y, plan.targetSensitivity()).threshold();
            Map<String, double[]> byPatient = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                double[] e = byPatient.computeIfAbsent(patient[i], id -> new double[2]);
                e[0] = Math.max(e[0], p[i]);
                e[1] = Math.max(e[1], y[i]);
            }
            double[] sp = byPatient.values().stream().mapToDouble(e -> e[0]).toArray();
            int[] sy = byPatient.values().stream().mapToInt(e -> (int) e[1]).toArray();
            int flagged = 0;
            int cleared = 0;
            for (int s = 0; s < sp.length; s++) {
                flagged += sy[s] == 1 && sp[s] >= threshold ? 1 : 0;
                cleared += sy[s] == 0 && sp[s] < threshold ? 1 : 0;
            }
            int positives = Arrays.stream(sy).sum();
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | most suspicious slice | %d of %d | %d of %d |%n",
                    label, Evaluation.auc(p, y), Evaluation.averagePrecision(p, y), Evaluation.auc(sp, sy), flagged,
                    positives, cleared, sp.length - positives));
        } catch (IOException | RuntimeException e) {
            md.append("| ").append(label).append(" | unreadable: ").append(e.getMessage()).append(" | | | | | |\n");
        }
    }

    /** What a slice's height in the head alone predicts, scored on the same folds. */
    private void positionBaseline(List<Item> main, int[] y, Map<Item, Integer> foldOf) {
        try {
            Map<String, Slices.Annotated> annotated = new LinkedHashMap<>();
            Slices.annotated(plan.data(), "any_ich").forEach(a -> annotated.put(a.entry().file(), a));
            List<ScoredSlice> slices = new ArrayList<>();
            for (Item i : main) {
                Slices.Annotated a = annotated.get(i.file());
                slices.add(new ScoredSlice(i.file(), i.patient(), foldOf.get(i), i.label(), a.folderLabel(), a.subtypes(),
                        a.position(), 0));
            }
            List<ScoredSlice> scored = PositionBaseline.outOfFold(slices);
            double[] p = ScoredSlice.probabilities(scored);
            int[] truth = ScoredSlice.truth(scored);
            md.append(String.format(Locale.ROOT, "| slice position only (baseline) | %.3f | %.3f | | | | |%n",
                    Evaluation.auc(p, truth), Evaluation.averagePrecision(p, truth)));
        } catch (IOException | RuntimeException e) {
            md.append("| slice position only | failed: ").append(e.getMessage()).append(" | | | | | |\n");
        }
    }

    /** Patient-bootstrap 95 % intervals of slice AUC and study AUC. */
    private static double[][] bootstrap(List<Item> main, double[] p, int[] y, List<String> patients, double[] studyP,
                                        int[] studyY) {
        Map<String, List<Integer>> slicesOf = new LinkedHashMap<>();
        for (int i = 0; i < main.size(); i++) {
            slicesOf.computeIfAbsent(main.get(i).patient(), id -> new ArrayList<>()).add(i);
        }
        SplittableRandom random = new SplittableRandom(20261203);
        double[] sliceAuc = new double[BOOTSTRAP];
        double[] studyAuc = new double[BOOTSTRAP];
        for (int b = 0; b < BOOTSTRAP; b++) {
            List<Double> bp = new ArrayList<>();
            List<Integer> by = new ArrayList<>();
            double[] sp = new double[patients.size()];
            int[] sy = new int[patients.size()];
            for (int s = 0; s < patients.size(); s++) {
                int pick = random.nextInt(patients.size());
                sp[s] = studyP[pick];
                sy[s] = studyY[pick];
                for (int i : slicesOf.getOrDefault(patients.get(pick), List.of())) {
                    bp.add(p[i]);
                    by.add(y[i]);
                }
            }
            sliceAuc[b] = Evaluation.auc(bp.stream().mapToDouble(Double::doubleValue).toArray(),
                    by.stream().mapToInt(Integer::intValue).toArray());
            studyAuc[b] = Evaluation.auc(sp, sy);
        }
        return new double[][] {interval(sliceAuc), interval(studyAuc)};
    }

    private static double[] interval(double[] values) {
        double[] sorted = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        return new double[] {sorted[(int) (0.025 * (sorted.length - 1))], sorted[(int) Math.ceil(0.975 * (sorted.length - 1))]};
    }

    void leaveOneSourceOut(TriageTraining.Scored mainToExtra, TriageTraining.Scored extraToMain) {
        double forward = Evaluation.auc(mainToExtra.p(), mainToExtra.truth());
        double backward = Evaluation.auc(extraToMain.p(), extraToMain.truth());
        extra.put("loso." + TriageTraining.MAIN + "ToExtra.sliceAuc", forward);
        extra.put("loso." + TriageTraining.EXTRA + "ToMain.sliceAuc", backward);
        md.append("## Leave one source out\n\n")
                .append("The head trained on every patient of one source (slices as stored and framed) scores every")
                .append(" slice of the other. Target: slice AUC >= 0.85 both ways.\n\n")
                .append("| trained on | tested on | slices (with haemorrhage) | slice AUC | mean probability | observed rate |\n")
                .append("|---|---|---:|---:|---:|---:|\n");
        row(sourceName(TriageTraining.MAIN), sourceName(TriageTraining.EXTRA), mainToExtra, forward);
        row(sourceName(TriageTraining.EXTRA), sourceName(TriageTraining.MAIN), extraToMain, backward);
        md.append("\nMean probabilities here are uncalibrated (class-weighted heads over-state the rate); they show how far")
                .append(" the raw scale moves between sources.\n\n");
    }

    private void row(String from, String to, TriageTraining.Scored scored, double auc) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %d (%d) | %.3f | %.3f | %.3f |%n", from, to, scored.p().length,
                Arrays.stream(scored.truth()).sum(), auc, Arrays.stream(scored.p()).average().orElse(Double.NaN),
                Arrays.stream(scored.truth()).average().orElse(Double.NaN)));
    }

    void gate(TriageTraining.GateHead gate, List<Item> heldOutCt, List<Item> stress, List<Item> heldOutNonCt) {
        md.append("## Input gate\n\n")
                .append(String.format(Locale.ROOT, "Learned gate (threshold %.4f on the head-CT probability) behind the", gate.threshold()))
                .append(" colour rule. Trained on odd-numbered patients and half of each non-CT category; measured here")
                .append(" on the even-numbered patients and the other half. Target: >= 99 % of framed head CT accepted on")
                .append(" every transform; >= 98 % of non-CT refused.\n\n")
                .append("| head CT (held-out patients) | images | accepted | share |\n|---|---:|---:|---:|\n");
        for (String source : List.of(TriageTraining.MAIN, TriageTraining.EXTRA)) {
            gateRow("as stored, " + sourceName(source), heldOutCt.stream().filter(i -> i.source().equals(source)).toList(),
                    gate, "gate.stored." + source);
        }
        Map<String, List<Item>> byTransform = new TreeMap<>();
        stress.forEach(i -> byTransform.computeIfAbsent(i.variant(), v -> new ArrayList<>()).add(i));
        double worst = 1;
        for (var e : byTransform.entrySet()) {
            worst = Math.min(worst, gateRow(e.getKey() + " (both sources)", e.getValue(), gate, "gate.transform." + e.getKey()));
        }
        extra.put("gate.worstTransform", worst);
        md.append("\n| non-CT (held-out half) | images | refused | share |\n|---|---:|---:|---:|\n");
        Map<String, List<Item>> byCategory = new TreeMap<>();
        heldOutNonCt.forEach(i -> byCategory.computeIfAbsent(i.source(), c -> new ArrayList<>()).add(i));
        int refusedAll = 0;
        for (var e : byCategory.entrySet()) {
            long refused = e.getValue().stream().filter(i -> !gate.accepts(i)).count();
            refusedAll += (int) refused;
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.3f |%n", e.getKey(), e.getValue().size(), refused,
                    (double) refused / e.getValue().size()));
        }
        double share = (double) refusedAll / heldOutNonCt.size();
        extra.put("gate.nonCtRefused", share);
        md.append(String.format(Locale.ROOT, "| all | %d | %d | %.3f |%n%n", heldOutNonCt.size(), refusedAll, share));
    }

    private double gateRow(String label, List<Item> items, TriageTraining.GateHead gate, String metric) {
        long accepted = items.stream().filter(gate::accepts).count();
        double share = items.isEmpty() ? Double.NaN : (double) accepted / items.size();
        extra.put(metric, share);
        md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.3f |%n", label, items.size(), accepted, share));
        return share;
    }

    void shipped(TriageTraining.OperatingPoints shipped, long seconds, long featureSeconds) {
        md.append("## The shipped model's operating points\n\n")
                .append("Fitted on the pooled outer out-of-fold scores of both sources; the head itself trained on every")
                .append(" patient.\n\n| | value |\n|---|---:|\n")
                .append(String.format(Locale.ROOT, "| slice calibration (Platt) | a=%.4f b=%.4f |%n",
                        shipped.calibration().a(), shipped.calibration().b()))
                .append(String.format(Locale.ROOT, "| slice threshold | %.4f |%n", shipped.sliceThreshold()))
                .append(String.format(Locale.ROOT, "| study rule | sigmoid(%.4f × mean of top-%d slice logits + %.4f) |%n",
                        shipped.study().a(), shipped.study().k(), shipped.study().b()))
                .append(String.format(Locale.ROOT, "| study threshold | %.4f |%n", shipped.study().threshold()))
                .append(String.format(Locale.ROOT, "| training time, whole protocol | %d s (backbone features: %d s;"
                        + " a few seconds when read from the work folder's cache) |%n%n", seconds, featureSeconds));
    }

    /** The held-out heat-map figures go into the card's metrics, so they are recorded before the export. */
    void heldOutLocalisation(HeatmapLocalisation.Result heldOut) {
        extra.put("loso." + TriageTraining.MAIN + "ToExtra.heatmapPointing", heldOut.pointing());
        extra.put("loso." + TriageTraining.MAIN + "ToExtra.heatmapMass", heldOut.mass());
    }

    void localisation(HeatmapLocalisation.Result heldOut, HeatmapLocalisation.Result shipped,
                      HeatmapLocalisation.Result earlier) {
        md.append("## Heat maps on the haematoma boxes of ").append(sourceName(TriageTraining.EXTRA)).append("\n\n")
                .append("Grad-CAM over `block_13_expand_relu` (14 × 14, upsampled): the map behind the viewer's overlay, on every")
                .append(" haemorrhage slice with a box. Pointing game: the share of slices whose heat-map maximum lies")
                .append(" inside a box (target >= 0.7). Mass: the mean share of the map inside the boxes. The boxes cover")
                .append(" the share in the last column of the slice: what a map that knows nothing scores on average. Only")
                .append(" the first row is measured on patients the model never saw; the boxes include the oedema around")
                .append(" the haematoma.\n\n")
                .append("| model | trained on these patients | slices | pointing game | mass in boxes | boxes cover |\n")
                .append("|---|---|---:|---:|---:|---:|\n");
        localisationRow("2.0 recipe on " + sourceName(TriageTraining.MAIN) + " only (leave one source out)", "no", heldOut);
        localisationRow(plan.name() + "/" + plan.version() + " as shipped", "yes (optimistic)", shipped);
        localisationRow("1.3.0", "yes (optimistic)", earlier);
        md.append('\n');
    }

    private void localisationRow(String label, String trained, HeatmapLocalisation.Result r) {
        if (r == null) {
            md.append("| ").append(label).append(" | | not found | | | |\n");
            return;
        }
        md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | %.3f |%n", label, trained, r.slices(),
                r.pointing(), r.mass(), r.chance()));
    }

    private String sourceName(String source) {
        return TriageTraining.MAIN.equals(source) ? String.valueOf(plan.data().getFileName())
                : String.valueOf(plan.extraData().getFileName());
    }

    void write(Path file) throws IOException {
        Files.writeString(file, md, StandardCharsets.UTF_8);
    }
}
