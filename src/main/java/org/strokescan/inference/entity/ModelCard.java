package org.strokescan.inference.entity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a model is, how its input is prepared and how far it can be trusted: stored as {@code model-card.json}
 * beside the SavedModel, written by training, read by serving, shown to users on the model card page.
 *
 * @param name            stable name of the model line, e.g. {@code strokescan-ich}
 * @param version         semantic version of this export
 * @param task            what the output means, in one sentence
 * @param preprocessing   the input preparation the model was trained with
 * @param threshold       probability at or above which the finding is reported as suspected
 * @param trainingData    which data (patients, sources) the model learnt from
 * @param validation      how it was validated, in words
 * @param metrics         validation metrics by name (e.g. {@code slice.sensitivity})
 * @param intendedUse     who may use it for what
 * @param limitations     what it does not detect and where it fails
 * @param files           sha256 of every file of the SavedModel, by path relative to the model folder
 * @param study           how slices make a study verdict (its own operating point), or null: a study is suspected
 *                        when its most suspicious slice is (models before 2.0)
 * @param gate            the learned input gate in the graph, or null: the hand-written {@code InputGate} decides
 * @param reference       the validation outputs the drift watch compares live traffic against, or null (older cards);
 *                        not part of the {@link #checksum()}: it decides no result
 * @param dicomWindow     the Hounsfield window that maps a DICOM slice to the intensities the model was trained on, or
 *                        null: {@link DicomWindow#DEFAULT}. Part of the {@link #checksum()} only where it maps
 *                        otherwise than the default, so cards that gain the default keep their identity (it is what
 *                        they decided with before)
 */
public record ModelCard(String name, String version, String task, PreprocessingSpec preprocessing, double threshold,
                        String trainingData, String validation, Map<String, Double> metrics, String intendedUse,
                        List<String> limitations, Map<String, String> files, StudyRule study, GateRule gate,
                        ValidationReference reference, DicomWindow dicomWindow) {

    public static final String FILE_NAME = "model-card.json";

    public ModelCard {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("model name must be lower-case letters, digits and dashes, got " + name);
        }
        if (version == null || !version.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new IllegalArgumentException("model version must be MAJOR.MINOR.PATCH, got " + version);
        }
        if (preprocessing == null) {
            throw new IllegalArgumentException("the model card names no preprocessing");
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("decision threshold must lie strictly between 0 and 1, got " + threshold);
        }
        if (files == null || files.isEmpty()) {
            throw new IllegalArgumentException("the model card lists no files");
        }
        // sorted, so the card reads (and diffs) the same on every export
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(metrics));
        limitations = limitations == null ? List.of() : List.copyOf(limitations);
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /** A card without a DICOM window (the default applies). */
    public ModelCard(String name, String version, String task, PreprocessingSpec preprocessing, double threshold,
                     String trainingData, String validation, Map<String, Double> metrics, String intendedUse,
                     List<String> limitations, Map<String, String> files, StudyRule study, GateRule gate,
                     ValidationReference reference) {
        this(name, version, task, preprocessing, threshold, trainingData, validation, metrics, intendedUse, limitations,
                files, study, gate, reference, null);
    }

    /** A card without a validation reference. */
    public ModelCard(String name, String version, String task, PreprocessingSpec preprocessing, double threshold,
                     String trainingData, String validation, Map<String, Double> metrics, String intendedUse,
                     List<String> limitations, Map<String, String> files, StudyRule study, GateRule gate) {
        this(name, version, task, preprocessing, threshold, trainingData, validation, metrics, intendedUse, limitations,
                files, study, gate, null);
    }

    /** This card with {@code reference} as its validation reference (replacing any it had). */
    public ModelCard withReference(ValidationReference reference) {
        return new ModelCard(name, version, task, preprocessing, threshold, trainingData, validation, metrics,
                intendedUse, limitations, files, study, gate, reference, dicomWindow);
    }

    /** This card with {@code window} as its DICOM window. */
    public ModelCard withDicomWindow(DicomWindow window) {
        return new ModelCard(name, version, task, preprocessing, threshold, trainingData, validation, metrics,
                intendedUse, limitations, files, study, gate, reference, window);
    }

    /** The window a DICOM slice is seen through: the card's, else {@link DicomWindow#DEFAULT}. */
    public DicomWindow dicomWindowOrDefault() {
        return dicomWindow != null ? dicomWindow : DicomWindow.DEFAULT;
    }

    /** A card without a study rule or learned gate, as models before 2.0 have. */
    public ModelCard(String name, String version, String task, PreprocessingSpec preprocessing, double threshold,
                     String trainingData, String validation, Map<String, Double> metrics, String intendedUse,
                     List<String> limitations, Map<String, String> files) {
        this(name, version, task, preprocessing, threshold, trainingData, validation, metrics, intendedUse, limitations,
                files, null, null, null, null);
    }

    /** The study rule, or the rule of models before 2.0: the most suspicious slice at the slice threshold. */
    public StudyRule studyRule() {
        return study != null ? study : sliceRule();
    }

    /**
     * The rule that judges a study of {@code slices} slices: the study rule once there are as many as it averages
     * (it was fitted on whole series); before that the study is judged as its most suspicious slice, at the slice
     * threshold, so a lone slice gets the slice's operating point.
     */
    public StudyRule studyRuleFor(int slices) {
        return study != null && slices >= study.k() ? study : sliceRule();
    }

    private StudyRule sliceRule() {
        return new StudyRule(1, 1, 0, threshold);
    }

    /** {@code name/version}, the value of {@code strokescan.model.active}. */
    public String id() {
        return name + "/" + version;
    }

    /**
     * One checksum for what decides a result: sha256 over the sorted lines {@code <path> <sha256>} of the model's
     * files, then its preprocessing and threshold, so a changed, added or renamed file, or an edited threshold,
     * changes it. The card's prose is not part of it. Stored with every prediction.
     */
    public String checksum() {
        StringBuilder lines = new StringBuilder();
        files.forEach((path, sha) -> lines.append(path).append(' ').append(sha).append('\n'));
        lines.append("preprocessing ").append(preprocessing).append('\n');
        lines.append("threshold ").append(Double.toString(threshold)).append('\n');
        if (study != null) {
            lines.append("study ").append(study).append('\n');
        }
        if (gate != null) {
            lines.append("gate ").append(gate).append('\n');
        }
        if (dicomWindow != null && !dicomWindow.sameMapping(DicomWindow.DEFAULT)) {
            lines.append("dicomWindow ").append(dicomWindow.centre()).append(' ').append(dicomWindow.width())
                    .append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(lines.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
