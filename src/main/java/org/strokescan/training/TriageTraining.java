package org.strokescan.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.strokescan.inference.control.ImageIntake;
import org.strokescan.inference.control.InputGate;
import org.strokescan.inference.control.Preprocessor;
import org.strokescan.inference.control.StrokeModel;
import org.strokescan.inference.entity.GateRule;
import org.strokescan.inference.entity.GrayImage;
import org.strokescan.inference.entity.IntakeResult;
import org.strokescan.inference.entity.ModelCard;
import org.strokescan.inference.entity.PreprocessingSpec;
import org.strokescan.inference.entity.StudyRule;
import org.strokescan.training.FramingAugmenter.Transform;
import org.strokescan.training.Slices.Slice;

/**
 * Model 2.0's protocol, as written down in {@code src/site/markdown/model-2-protocol.md} before its first run: a
 * logistic slice head and a logistic input gate on frozen backbone features of slices as stored and as others export
 * them ({@link FramingAugmenter}), a study rule ({@link StudyRule}) with its own operating point, nested
 * patient-grouped cross-validation (everything chosen on inner folds, the outer folds scored once),
 * leave-one-source-out, the gate per framing transform, then the shipped model. Backbone features are computed once
 * per image and kept in the work folder, so a rerun (or {@code --resume}) costs only the heads.
 */
public final class TriageTraining {

    /**
     * @param data       the main (validated) dataset folder, manifest-driven
     * @param extraData  a second source: trains, and is validated only in the leave-one-source-out table
     * @param nonCt      images that are not head CT ({@code manifest.csv} with {@code file,category})
     * @param copies     framed copies of each head-CT slice besides the one as stored
     */
    public record Plan(Path data, Path extraData, int extraQuarterTurns, Path nonCt, PretrainedBackbone backbone,
                       List<String> layers, double l2, int iterations, int copies, int folds, int innerFolds,
                       double targetSensitivity, int studyK, long seed, Path work, Path out, String name,
                       String version, String trainingDataSummary, String extraLimitation) {
    }

    static final String MAIN = "main";
    static final String EXTRA = "extra";
    static final String STORED = "stored";
    private static final int STRESS_SLICES_PER_SOURCE = 150;

    /** One image's backbone features and where it came from; {@code variant} says how it was framed. */
    record Item(String source, String patient, String file, int label, String variant, float[] x, double colourfulness) {

        boolean stored() {
            return STORED.equals(variant);
        }
    }

    /** An image to featurise: its description and how to get its bytes. */
    private record Job(String source, String patient, String file, int label, String variant, Supplier<byte[]> bytes) {

        String key() {
            return source + "|" + patient + "|" + file + "|" + label + "|" + variant;
        }
    }

    private final Plan plan;
    private final PrintStream log;
    private final ImageIntake intake = new ImageIntake();

    private TriageTraining(Plan plan, PrintStream log) {
        this.plan = plan;
        this.log = log;
    }

    public static ModelCard run(Plan plan, PrintStream log) throws IOException {
        return new TriageTraining(plan, log).run();
    }

    private ModelCard run() throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(plan.work());
        PreprocessingSpec spec = new PreprocessingSpec(PretrainedBackbone.INPUT_SIZE, PreprocessingSpec.Normalisation.NONE, 0);
        List<Item> ct = featurise("main", headCtJobs(MAIN, plan.data(), 0, ""), spec);
        List<Item> phe = featurise("extra", headCtJobs(EXTRA, plan.extraData(), plan.extraQuarterTurns(), "extra-"), spec);
        List<Item> nonCt = featurise("non-ct", nonCtJobs(), spec);
        List<Item> stress = featurise("stress", stressJobs(), spec);
        List<Item> headCt = new ArrayList<>(ct);
        headCt.addAll(phe);
        long featureSeconds = seconds(start);
        log.printf(Locale.ROOT, "features ready after %d s: %d head-CT images, %d non-CT, %d stress%n",
                featureSeconds, headCt.size(), nonCt.size(), stress.size());

        TriageReport report = new TriageReport(plan);
        CrossValidation cv = crossValidate(headCt, report);
        HeatmapLocalisation.Result heldOutMaps = leaveOneSourceOut(ct, phe, report, spec);
        GateHead gate = trainGate(headCt, nonCt, stress, report);

        // the shipped model: operating points from the pooled outer out-of-fold scores of both sources
        OperatingPoints shipped = OperatingPoints.fit(cv.raw(), cv.truth(), cv.sources(), cv.patients(), plan);
        LogisticHead head = fit(headCt, item -> true);
        report.shipped(shipped, seconds(start), featureSeconds);
        Map<String, Double> metrics = new TreeMap<>(cv.metrics());
        metrics.putAll(report.extraMetrics());
        ModelCard card = ModelExport.export(plan.out(), spec.inputSize(),
                new PretrainedHeadNetwork(plan.backbone(), plan.layers(), head, gate.head()), shipped.calibration(),
                files -> new ModelCard(plan.name(), plan.version(), TASK, spec, shipped.sliceThreshold(),
                        plan.trainingDataSummary(), validation(shipped, gate), metrics, INTENDED_USE,
                        limitations(metrics), files, shipped.study(), new GateRule(gate.threshold())));
        log.printf(Locale.ROOT, "exported %s to %s (checksum %s) after %d s%n", card.id(), plan.out(), card.checksum(),
                seconds(start));
        report.localisation(heldOutMaps, localise(plan.out()), localise(EARLIER_MODEL));
        report.write(plan.work().resolve("report.md"));
        return card;
    }

    /** The model the report compares heat maps with (trained on PHE-SICH as well, so its figures are optimistic). */
    static final Path EARLIER_MODEL = Path.of("src/main/models/strokescan-ich/1.3.0");

    static final String TASK = "Probability that an axial head-CT study shows acute intracranial haemorrhage (any_ich):"
            + " each slice gets a probability, and the study a probability of its own from its most suspicious slices,"
            + " each with its own operating point.";
    static final String INTENDED_USE = "Decision support for clinicians triaging head CT for intracranial haemorrhage:"
            + " it puts suspected studies first and points at the slices to read first. It does not diagnose, and a"
            + " negative result does not rule out haemorrhage.";

    // ---- images to featurise -------------------------------------------------------------------------------

    private List<Job> headCtJobs(String source, Path folder, int quarterTurns, String prefix) throws IOException {
        List<Job> jobs = new ArrayList<>();
        for (Slices.Entry entry : Slices.manifest(folder, "any_ich")) {
            Path file = folder.resolve(entry.file());
            Supplier<GrayImage> image = () -> rotate(decode(read(file)), quarterTurns);
            String patient = prefix + entry.patient();
            jobs.add(new Job(source, patient, entry.file(), entry.label(), STORED,
                    quarterTurns == 0 ? () -> read(file) : () -> FramingAugmenter.png(FramingAugmenter.render(image.get()))));
            for (int copy = 1; copy <= plan.copies(); copy++) {
                SplittableRandom random = random(entry.file(), copy);
                jobs.add(new Job(source, patient, entry.file(), entry.label(), "framed-" + copy,
                        () -> FramingAugmenter.random(image.get(), 0.5, random)));
            }
        }
        return jobs;
    }

    /** Every non-CT image as stored; those of the gate's training half also twice mildly changed. */
    private List<Job> nonCtJobs() throws IOException {
        List<Job> jobs = new ArrayList<>();
        for (NonCt row : nonCtRows()) {
            Path file = plan.nonCt().resolve(row.file());
            jobs.add(new Job(row.category(), "", row.file(), 0, STORED, () -> read(file)));
            if (row.training()) {
                for (int copy = 1; copy <= 2; copy++) {
                    SplittableRandom random = random(row.file(), copy);
                    jobs.add(new Job(row.category(), "", row.file(), 0, "mild-" + copy,
                            () -> FramingAugmenter.mild(decode(read(file)), random)));
                }
            }
        }
        return jobs;
    }

    /** Head-CT slices of the gate's held-out half (even patient numbers), each through every transform alone. */
    private List<Job> stressJobs() throws IOException {
        List<Job> jobs = new ArrayList<>();
        for (String source : List.of(MAIN, EXTRA)) {
            Path folder = MAIN.equals(source) ? plan.data() : plan.extraData();
            int turns = MAIN.equals(source) ? 0 : plan.extraQuarterTurns();
            List<Slices.Entry> heldOut = new ArrayList<>(Slices.manifest(folder, "any_ich").stream()
                    .filter(e -> !gateTrainingPatient(e.patient())).toList());
            Collections.shuffle(heldOut, new Random(plan.seed()));
            for (Slices.Entry entry : heldOut.subList(0, Math.min(STRESS_SLICES_PER_SOURCE, heldOut.size()))) {
                Path file = folder.resolve(entry.file());
                for (Transform transform : Transform.values()) {
                    SplittableRandom random = random(entry.file() + transform, 0);
                    jobs.add(new Job(source, entry.patient(), entry.file(), entry.label(),
                            FramingAugmenter.label(transform), () -> FramingAugmenter.apply(
                                    rotate(decode(read(file)), turns), transform, random)));
                }
            }
        }
        return jobs;
    }

    /** The gate trains on patients with odd numbers and is measured on the others. */
    static boolean gateTrainingPatient(String patient) {
        String digits = patient.replaceAll("\\D", "");
        return !digits.isEmpty() && Integer.parseInt(digits) % 2 == 1;
    }

    record NonCt(String file, String category, boolean training) {
    }

    /** The non-CT manifest; every other image of each category (from the first) trains the gate. */
    List<NonCt> nonCtRows() throws IOException {
        Csv.Table manifest = Csv.read(plan.nonCt().resolve("manifest.csv")).require("file", "category");
        Map<String, Integer> seen = new HashMap<>();
        List<NonCt> rows = new ArrayList<>();
        for (CSVRecord row : manifest.rows()) {
            int index = seen.merge(row.get("category"), 1, Integer::sum) - 1;
            rows.add(new NonCt(row.get("file"), row.get("category"), index % 2 == 0));
        }
        return rows;
    }

    private SplittableRandom random(String file, int copy) {
        return new SplittableRandom(plan.seed() * 1_000_003L + file.hashCode() * 31L + copy);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private GrayImage decode(byte[] bytes) {
        IntakeResult result = intake.read(bytes);
        if (result instanceof IntakeResult.Accepted accepted) {
            return accepted.image();
        }
        throw new IllegalStateException(((IntakeResult.Rejected) result).message());
    }

    static GrayImage rotate(GrayImage image, int quarterTurns) {
        GrayImage out = image;
        for (int turn = 0; turn < Math.floorMod(quarterTurns, 4); turn++) {
            int w = out.width();
            int h = out.height();
            float[] turned = new float[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    turned[x * h + (h - 1 - y)] = out.at(x, y);
                }
            }
            out = new GrayImage(h, w, turned);
        }
        return out;
    }

    // ---- features, computed once and kept ------------------------------------------------------------------

    private List<Item> featurise(String set, List<Job> jobs, PreprocessingSpec spec) throws IOException {
        Path cache = plan.work().resolve("features-" + set + ".bin");
        List<Item> items = readCache(cache, jobs);
        if (items != null) {
            log.printf(Locale.ROOT, "%s: %d images, features read from %s%n", set, items.size(), cache);
            return items;
        }
        long start = System.nanoTime();
        Preprocessor preprocessor = new Preprocessor(spec);
        items = new ArrayList<>();
        try (FeatureExtractor extractor = new FeatureExtractor(plan.backbone(), spec.inputSize(), plan.layers())) {
            for (int from = 0; from < jobs.size(); from += 64) {
                List<Job> part = jobs.subList(from, Math.min(jobs.size(), from + 64));
                List<Slice> prepared = new ArrayList<>();
                List<Job> kept = new ArrayList<>();
                List<Double> colour = new ArrayList<>();
                for (Job job : part) {
                    IntakeResult result = intake.read(job.bytes().get());
                    if (result instanceof IntakeResult.Accepted accepted) {
                        prepared.add(new Slice(job.file(), job.patient(), job.label(),
                                preprocessor.prepare(accepted.image()).tensor()));
                        kept.add(job);
                        colour.add(accepted.colourfulness());
                    } else {
                        log.printf(Locale.ROOT, "  %s: refused by the intake (%s), left out%n", job.key(),
                                ((IntakeResult.Rejected) result).message());
                    }
                }
                float[][] x = extractor.features(prepared);
                for (int i = 0; i < kept.size(); i++) {
                    Job job = kept.get(i);
                    items.add(new Item(job.source(), job.patient(), job.file(), job.label(), job.variant(), x[i],
                            colour.get(i)));
                }
                if ((from / 64) % 20 == 0) {
                    log.printf(Locale.ROOT, "  %s: %d/%d images after %d s%n", set, from + part.size(), jobs.size(),
                            seconds(start));
                }
            }
        }
        writeCache(cache, items);
        log.printf(Locale.ROOT, "%s: features of %d images in %d s%n", set, items.size(), seconds(start));
        return items;
    }

    private static List<Item> readCache(Path cache, List<Job> jobs) throws IOException {
        if (!Files.exists(cache)) {
            return null;
        }
        Map<String, Job> byKey = new HashMap<>();
        jobs.forEach(j -> byKey.put(j.key(), j));
        List<Item> items = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(cache)))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String key = in.readUTF();
                double colour = in.readDouble();
                float[] x = new float[in.readInt()];
                for (int j = 0; j < x.length; j++) {
                    x[j] = in.readFloat();
                }
                Job job = byKey.get(key);
                if (job == null) {
                    return null; // made for other data or settings: compute again
                }
                items.add(new Item(job.source(), job.patient(), job.file(), job.label(), job.variant(), x, colour));
            }
        }
        return items;
    }

    private static void writeCache(Path cache, List<Item> items) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(cache)))) {
            out.writeInt(items.size());
            for (Item item : items) {
                out.writeUTF(new Job(item.source(), item.patient(), item.file(), item.label(), item.variant(), null).key());
                out.writeDouble(item.colourfulness());
                out.writeInt(item.x().length);
                for (float v : item.x()) {
                    out.writeFloat(v);
                }
            }
        }
    }

    // ---- heads ---------------------------------------------------------------------------------------------

    private LogisticHead fit(List<Item> items, Predicate<Item> use) {
        List<Item> chosen = items.stream().filter(use).toList();
        return LogisticHead.fit(chosen.stream().map(Item::x).toArray(float[][]::new),
                chosen.stream().mapToInt(Item::label).toArray(), plan.l2(), plan.iterations());
    }

    /** Operating points fitted on out-of-fold slice logits: slice calibration and threshold, and the study rule. */
    record OperatingPoints(Calibration calibration, double sliceThreshold, StudyRule study) {

        static OperatingPoints fit(double[] raw, int[] truth, String[] sources, String[] patients, Plan plan) {
            double[] rawP = Arrays.stream(raw).map(StudyRule::sigmoid).toArray();
            Calibration calibration = Calibration.fit(rawP, truth);
            double[] p = calibration.apply(rawP);
            double sliceThreshold = Math.clamp(Evaluation.thresholdFor(p, truth, plan.targetSensitivity()).threshold(),
                    1e-4, 1 - 1e-4);
            Studies studies = Studies.of(p, truth, sources, patients, plan.studyK());
            Calibration studyCalibration = Calibration.fit(Arrays.stream(studies.score()).map(StudyRule::sigmoid).toArray(),
                    studies.truth());
            StudyRule unthresholded = new StudyRule(plan.studyK(), studyCalibration.a(), studyCalibration.b(), 0.5);
            double[] studyP = studies.probabilities(unthresholded);
            double studyThreshold = Math.clamp(studyThreshold(studyP, studies.truth(), studies.sources(),
                    plan.targetSensitivity()), 1e-4, 1 - 1e-4);
            return new OperatingPoints(calibration, sliceThreshold,
                    new StudyRule(plan.studyK(), studyCalibration.a(), studyCalibration.b(), studyThreshold));
        }
    }

    /** The highest threshold at which at least {@code target} of the positive studies of every source are flagged. */
    static double studyThreshold(double[] p, int[] truth, String[] sources, double target) {
        double threshold = 1;
        for (String source : new TreeSet<>(Arrays.asList(sources))) {
            double[] positives = IntStream.range(0, p.length)
                    .filter(i -> truth[i] == 1 && sources[i].equals(source)).mapToDouble(i -> p[i]).sorted().toArray();
            if (positives.length > 0) {
                int mayMiss = (int) Math.floor((1 - target) * positives.length + 1e-9);
                threshold = Math.min(threshold, positives[mayMiss]);
            }
        }
        return threshold;
    }

    /** Slices grouped into studies (patients): the uncalibrated study score, the truth and the source of each. */
    record Studies(List<String> ids, double[] score, int[] truth, String[] sources, List<double[]> sliceProbabilities) {

        static Studies of(double[] p, int[] truth, String[] sources, String[] patients, int k) {
            Map<String, List<Integer>> byPatient = new LinkedHashMap<>();
            for (int i = 0; i < p.length; i++) {
                byPatient.computeIfAbsent(patients[i], id -> new ArrayList<>()).add(i);
            }
            List<String> ids = new ArrayList<>(byPatient.keySet());
            double[] score = new double[ids.size()];
            int[] y = new int[ids.size()];
            String[] source = new String[ids.size()];
            List<double[]> slices = new ArrayList<>();
            for (int s = 0; s < ids.size(); s++) {
                List<Integer> members = byPatient.get(ids.get(s));
                double[] sp = members.stream().mapToDouble(i -> p[i]).toArray();
                slices.add(sp);
                score[s] = StudyRule.meanTopLogit(sp, k);
                y[s] = members.stream().anyMatch(i -> truth[i] == 1) ? 1 : 0;
                source[s] = sources[members.getFirst()];
            }
            return new Studies(ids, score, y, source, slices);
        }

        double[] probabilities(StudyRule rule) {
            return sliceProbabilities.stream().mapToDouble(sp -> rule.score(sp).probability()).toArray();
        }
    }

    // ---- nested cross-validation ---------------------------------------------------------------------------

    /** The outer out-of-fold results: per stored slice of both sources, in one order. */
    record CrossValidation(double[] raw, int[] truth, String[] sources, String[] patients, Map<String, Double> metrics) {
    }

    private CrossValidation crossValidate(List<Item> headCt, TriageReport report) {
        List<List<String>> outer = patientFolds(headCt, plan.folds(), plan.seed());
        List<Item> stored = headCt.stream().filter(Item::stored).toList();
        Map<Item, Double> raw = new HashMap<>();
        Map<Item, Double> calibrated = new HashMap<>();
        Map<Item, Integer> foldOf = new HashMap<>();
        List<TriageReport.FoldRow> rows = new ArrayList<>();
        Map<String, double[]> studyOutcome = new LinkedHashMap<>(); // patient -> {probability, positive, truth, fold}
        for (int k = 0; k < outer.size(); k++) {
            long start = System.nanoTime();
            Set<String> test = new HashSet<>(outer.get(k));
            List<Item> training = headCt.stream().filter(i -> !test.contains(i.patient())).toList();
            OperatingPoints inner = innerOperatingPoints(training, plan.seed() + k + 1);
            LogisticHead head = fit(training, i -> true);
            List<Item> scored = stored.stream().filter(i -> test.contains(i.patient())).toList();
            double[] logits = scored.stream().mapToDouble(i -> head.logit(i.x())).toArray();
            double[] p = inner.calibration().apply(Arrays.stream(logits).map(StudyRule::sigmoid).toArray());
            for (int i = 0; i < scored.size(); i++) {
                raw.put(scored.get(i), logits[i]);
                calibrated.put(scored.get(i), p[i]);
                foldOf.put(scored.get(i), k + 1);
            }
            Studies studies = Studies.of(p, scored.stream().mapToInt(Item::label).toArray(),
                    scored.stream().map(Item::source).toArray(String[]::new),
                    scored.stream().map(Item::patient).toArray(String[]::new), plan.studyK());
            double[] studyP = studies.probabilities(inner.study());
            for (int s = 0; s < studyP.length; s++) {
                studyOutcome.put(studies.ids().get(s), new double[] {studyP[s], studyP[s] >= inner.study().threshold()
                        ? 1 : 0, studies.truth()[s], k + 1, MAIN.equals(studies.sources()[s]) ? 1 : 0});
            }
            rows.add(TriageReport.FoldRow.of(k + 1, scored, p, inner, studies, studyP));
            log.printf(Locale.ROOT, "outer fold %d/%d: %s (%d s)%n", k + 1, outer.size(), rows.getLast(), seconds(start));
        }
        List<Item> order = stored.stream().filter(raw::containsKey).toList();
        double[] rawAll = order.stream().mapToDouble(raw::get).toArray();
        int[] truth = order.stream().mapToInt(Item::label).toArray();
        String[] sources = order.stream().map(Item::source).toArray(String[]::new);
        String[] patients = order.stream().map(Item::patient).toArray(String[]::new);
        writeOutOfFold(order, raw, calibrated, foldOf, studyOutcome);
        Map<String, Double> metrics = report.crossValidation(rows, order, calibrated, foldOf, studyOutcome);
        return new CrossValidation(rawAll, truth, sources, patients, metrics);
    }

    /** Operating points from the inner folds of an outer fold's training patients. */
    private OperatingPoints innerOperatingPoints(List<Item> training, long seed) {
        List<List<String>> inner = patientFolds(training, plan.innerFolds(), seed);
        List<Item> scored = new ArrayList<>();
        List<Double> logits = new ArrayList<>();
        for (List<String> fold : inner) {
            Set<String> held = new HashSet<>(fold);
            LogisticHead head = fit(training, i -> !held.contains(i.patient()));
            training.stream().filter(i -> i.stored() && held.contains(i.patient())).forEach(i -> {
                scored.add(i);
                logits.add(head.logit(i.x()));
            });
        }
        return OperatingPoints.fit(logits.stream().mapToDouble(Double::doubleValue).toArray(),
                scored.stream().mapToInt(Item::label).toArray(), scored.stream().map(Item::source).toArray(String[]::new),
                scored.stream().map(Item::patient).toArray(String[]::new), plan);
    }

    /**
     * Patient folds, each source dealt separately (stratified by whether the patient has a positive slice); the
     * main source's folds are those of {@link TrainingRun#folds} with the same seed, so earlier models' out-of-fold
     * numbers compare fold by fold.
     */
    static List<List<String>> patientFolds(List<Item> items, int k, long seed) {
        List<List<String>> folds = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            folds.add(new ArrayList<>());
        }
        for (String source : List.of(MAIN, EXTRA)) {
            Map<String, List<Slice>> patients = new TreeMap<>();
            items.stream().filter(i -> i.source().equals(source) && i.stored()).forEach(i -> patients
                    .computeIfAbsent(i.patient(), p -> new ArrayList<>()).add(new Slice(i.file(), i.patient(), i.label(), null)));
            if (!patients.isEmpty()) {
                List<List<String>> part = TrainingRun.folds(patients, k, seed);
                for (int i = 0; i < k; i++) {
                    folds.get(i).addAll(part.get(i));
                }
            }
        }
        return folds;
    }

    private void writeOutOfFold(List<Item> order, Map<Item, Double> raw, Map<Item, Double> calibrated,
                                Map<Item, Integer> foldOf, Map<String, double[]> studies) {
        try (Writer writer = Files.newBufferedWriter(plan.work().resolve(TrainingRun.OUT_OF_FOLD), StandardCharsets.UTF_8);
             CSVPrinter csv = Csv.printer(writer, "file", "patient", "source", "fold", "label", "probability",
                     "uncalibrated", "study_probability", "study_positive")) {
            for (Item i : order) {
                double[] study = studies.get(i.patient());
                csv.printRecord(i.file(), i.patient(), i.source(), foldOf.get(i), i.label(),
                        TrainingRun.decimal(calibrated.get(i)), TrainingRun.decimal(StudyRule.sigmoid(raw.get(i))),
                        TrainingRun.decimal(study[0]), (int) study[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- leave one source out ------------------------------------------------------------------------------

    /**
     * Both directions' slice AUC; the head trained on the main source alone is also exported (uncalibrated) so
     * that its heat maps can be measured on the other source's haematoma boxes, patients it never saw.
     */
    private HeatmapLocalisation.Result leaveOneSourceOut(List<Item> main, List<Item> extra, TriageReport report,
                                                         PreprocessingSpec spec) throws IOException {
        LogisticHead onMain = fit(main, i -> true);
        LogisticHead onExtra = fit(extra, i -> true);
        report.leaveOneSourceOut(score(onMain, extra), score(onExtra, main));
        Path folder = plan.work().resolve("loso-" + MAIN + "-model");
        deleteFolder(folder); // a model of an earlier run may have had other settings
        ModelExport.export(folder, spec.inputSize(), new PretrainedHeadNetwork(plan.backbone(), plan.layers(), onMain),
                new Calibration(1, 0), files -> new ModelCard(plan.name() + "-loso", plan.version(), TASK, spec, 0.5,
                        "The slices of " + plan.data().getFileName() + " only (as stored and framed)",
                        "Leave-one-source-out measurement model, not for use", Map.of(), INTENDED_USE,
                        List.of("Made only to measure its heat maps on another source."), files));
        HeatmapLocalisation.Result result = localise(folder);
        report.heldOutLocalisation(result);
        return result;
    }

    private static void deleteFolder(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** The heat maps of the model in {@code folder} on every boxed haemorrhage slice of the extra source. */
    private HeatmapLocalisation.Result localise(Path folder) throws IOException {
        if (!Files.exists(folder.resolve(ModelCard.FILE_NAME))) {
            return null;
        }
        long start = System.nanoTime();
        try (StrokeModel model = StrokeModel.load(folder, 1)) {
            HeatmapLocalisation.Result result = HeatmapLocalisation.measure(model, plan.extraData(),
                    plan.extraQuarterTurns(), patient -> true);
            log.printf(Locale.ROOT, "heat maps of %s on %d boxed slices: pointing game %.3f, mass in boxes %.3f (boxes"
                            + " cover %.3f) in %d s%n", folder, result.slices(), result.pointing(), result.mass(),
                    result.chance(), seconds(start));
            return result;
        }
    }

    private static Scored score(LogisticHead head, List<Item> items) {
        List<Item> stored = items.stream().filter(Item::stored).toList();
        return new Scored(stored, stored.stream().mapToDouble(i -> StudyRule.sigmoid(head.logit(i.x()))).toArray());
    }

    record Scored(List<Item> items, double[] p) {

        int[] truth() {
            return items.stream().mapToInt(Item::label).toArray();
        }
    }

    // ---- input gate ----------------------------------------------------------------------------------------

    record GateHead(LogisticHead head, double threshold) {

        boolean accepts(Item item) {
            return item.colourfulness() <= InputGate.MAX_COLOURFULNESS && StudyRule.sigmoid(head.logit(item.x())) >= threshold;
        }
    }

    private GateHead trainGate(List<Item> headCt, List<Item> nonCt, List<Item> stress, TriageReport report) throws IOException {
        Set<String> trainingNonCt = new HashSet<>();
        nonCtRows().stream().filter(NonCt::training).forEach(r -> trainingNonCt.add(r.file()));
        List<Item> positives = headCt.stream().filter(i -> gateTrainingPatient(i.patient())).toList();
        List<Item> negatives = nonCt.stream().filter(i -> trainingNonCt.contains(i.file())).toList();
        float[][] x = new float[positives.size() + negatives.size()][];
        int[] y = new int[x.length];
        for (int i = 0; i < positives.size(); i++) {
            x[i] = positives.get(i).x();
            y[i] = 1;
        }
        for (int i = 0; i < negatives.size(); i++) {
            x[positives.size() + i] = negatives.get(i).x();
        }
        LogisticHead head = LogisticHead.fit(x, y, plan.l2(), plan.iterations());
        double[] accepted = positives.stream().mapToDouble(i -> StudyRule.sigmoid(head.logit(i.x()))).sorted().toArray();
        double threshold = Math.clamp(accepted[(int) Math.floor(0.005 * accepted.length)], 1e-4, 0.5);
        GateHead gate = new GateHead(head, threshold);
        List<Item> heldOutCt = headCt.stream().filter(i -> i.stored() && !gateTrainingPatient(i.patient())).toList();
        List<Item> heldOutNonCt = nonCt.stream().filter(i -> i.stored() && !trainingNonCt.contains(i.file())).toList();
        report.gate(gate, heldOutCt, stress, heldOutNonCt);
        return gate;
    }

    // ---- the card ------------------------------------------------------------------------------------------

    private String validation(OperatingPoints shipped, GateHead gate) {
        return String.format(Locale.ROOT, "Nested patient-grouped cross-validation (protocol fixed in advance:"
                        + " src/site/markdown/model-2-protocol.md): %d outer folds over the patients of both sources"
                        + " (metrics from %s patients only), in each %d inner folds on which calibration, the slice"
                        + " threshold and the study rule were chosen. The model: %s, trained on every slice as stored and"
                        + " %d framed copies (zoom, rotation, tight crop, letterbox, burnt-in text, window, gamma,"
                        + " contrast, JPEG, resolution). Shipped operating points fitted on the pooled outer out-of-fold"
                        + " scores of both sources: Platt a=%.3f b=%.3f; slice threshold %.4f (slice sensitivity >= %.2f);"
                        + " study probability = sigmoid(%.3f * mean of the %d highest slice logits + %.3f), study threshold"
                        + " %.4f (>= %.2f of the haemorrhage patients of each source flagged). Input gate: a logistic head"
                        + " on the same features, head CT of odd-numbered patients (as stored and framed) against half of"
                        + " the non-CT images, accepting at probability >= %.4f; measured on the other half.",
                plan.folds(), plan.data().getFileName(), plan.innerFolds(), description(), plan.copies(),
                shipped.calibration().a(), shipped.calibration().b(), shipped.sliceThreshold(), plan.targetSensitivity(),
                shipped.study().a(), plan.studyK(), shipped.study().b(), shipped.study().threshold(),
                plan.targetSensitivity(), gate.threshold());
    }

    String description() {
        return String.format(Locale.ROOT, "a logistic regression (L2 %.3g) on the spatial mean and maximum of the"
                + " layers %s of a frozen MobileNetV2 pretrained on ImageNet and fine-tuned on photographs (npm nsfwjs"
                + " 4.4.0)", plan.l2(), String.join(", ", plan.layers()));
    }

    private List<String> limitations(Map<String, Double> metrics) {
        List<String> limitations = new ArrayList<>();
        limitations.add("Detects signs of intracranial haemorrhage only; it does not detect ischaemic stroke.");
        limitations.add(String.format(Locale.ROOT, "At the study operating point, in cross-validation, %.0f %% of the"
                        + " patients with haemorrhage were flagged and %.0f %% of the patients without were cleared:"
                        + " a study it clears can still bleed.", 100 * metrics.getOrDefault("study.sensitivity", Double.NaN),
                100 * metrics.getOrDefault("study.specificity", Double.NaN)));
        limitations.add("Validated on " + plan.data().getFileName() + " patients (one hospital, traumatic haemorrhage) and,"
                + " leaving one source out, on " + plan.extraData().getFileName() + " (another hospital, spontaneous"
                + " haemorrhage); performance on other scanners, populations and windows is unknown.");
        limitations.add("Sees one 2-D slice at a time at 224 px; the study verdict uses only the slices' probabilities,"
                + " not their order, and no clinical context.");
        limitations.add("Input must be an axial head-CT slice exported as PNG or JPEG; other images are refused by a"
                + " learned input gate, which can err.");
        if (plan.extraLimitation() != null) {
            limitations.add(plan.extraLimitation());
        }
        return limitations;
    }

    private static long seconds(long since) {
        return (System.nanoTime() - since) / 1_000_000_000;
    }
}
