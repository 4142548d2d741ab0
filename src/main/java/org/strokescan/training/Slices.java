package org.strokescan.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVRecord;
import org.strokescan.inference.control.ImageIntake;
import org.strokescan.inference.control.Preprocessor;
import org.strokescan.inference.entity.IntakeResult;
import org.strokescan.inference.entity.PreparedImage;

/**
 * A manifest-driven dataset folder: {@code manifest.csv} with at least the columns {@code file}, {@code patient_id}
 * and the label column (e.g. {@code any_ich}); each image goes through the same intake and preprocessing as
 * in production.
 */
public final class Slices {

    /** One prepared slice: its patient, its 0/1 label and the model input. */
    public record Slice(String file, String patient, int label, float[] tensor) {
    }

    private Slices() {
    }

    public static List<Slice> load(Path folder, String labelColumn, Preprocessor preprocessor) throws IOException {
        return load(folder, labelColumn, preprocessor, "", 0);
    }

    /**
     * As {@link #load(Path, String, Preprocessor)}, for a second source: patient ids get a prefix so they cannot
     * collide with the first source's, and each prepared slice is turned clockwise by {@code quarterTurns} × 90°
     * (to bring another hospital's orientation in line).
     */
    public static List<Slice> load(Path folder, String labelColumn, Preprocessor preprocessor, String patientPrefix,
                                   int quarterTurns) throws IOException {
        ImageIntake intake = new ImageIntake();
        List<Slice> slices = new ArrayList<>();
        for (Entry entry : manifest(folder, labelColumn)) {
            Path image = folder.resolve(entry.file());
            IntakeResult result = intake.read(Files.readAllBytes(image));
            if (!(result instanceof IntakeResult.Accepted accepted)) {
                throw new IOException(image + ": " + ((IntakeResult.Rejected) result).message());
            }
            slices.add(new Slice(entry.file(), patientPrefix + entry.patient(), entry.label(),
                    rotate(preprocessor.prepare(accepted.image()), quarterTurns)));
        }
        return slices;
    }

    /** One row of a manifest: the image file (relative to the folder), its patient and its 0/1 label. */
    public record Entry(String file, String patient, int label) {
    }

    /** The rows of {@code folder/manifest.csv}, read by column name. */
    public static List<Entry> manifest(Path folder, String labelColumn) throws IOException {
        return entries(Csv.read(folder.resolve("manifest.csv")), labelColumn);
    }

    private static List<Entry> entries(Csv.Table manifest, String labelColumn) throws IOException {
        manifest.require("file", "patient_id", labelColumn);
        List<Entry> entries = new ArrayList<>();
        for (CSVRecord row : manifest.rows()) {
            entries.add(new Entry(row.get("file"), row.get("patient_id"), Integer.parseInt(row.get(labelColumn).trim())));
        }
        return entries;
    }

    /** The haemorrhage subtypes a manifest may mark per slice, in CT-ICH's column names. */
    public static final List<String> SUBTYPES = List.of("intraparenchymal", "intraventricular", "subarachnoid",
            "epidural", "subdural");

    /**
     * A manifest row with what an evaluation report breaks results down by, where the manifest has it.
     *
     * @param folderLabel the per-patient folder label ({@code normal}/{@code stroke}), or null
     * @param subtypes    the subtypes marked on this slice
     * @param position    the slice's place from skull base (0) to vertex (1) within its patient, or NaN
     */
    public record Annotated(Entry entry, String folderLabel, List<String> subtypes, double position) {
    }

    /** The rows of {@code folder/manifest.csv} with the optional columns {@code label}, the subtypes and the slice number. */
    public static List<Annotated> annotated(Path folder, String labelColumn) throws IOException {
        Csv.Table manifest = Csv.read(folder.resolve("manifest.csv"));
        List<Entry> entries = entries(manifest, labelColumn);
        String folderLabel = manifest.has("label") ? "label" : null;
        String sliceNumber = manifest.has("ctich_slice_number") ? "ctich_slice_number"
                : manifest.has("slice_index") ? "slice_index" : null;
        List<String> subtypeColumns = SUBTYPES.stream().filter(manifest::has).toList();
        List<CSVRecord> rows = manifest.rows();
        Map<String, Double> highest = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            if (sliceNumber != null) {
                highest.merge(entries.get(i).patient(), Double.parseDouble(rows.get(i).get(sliceNumber)), Math::max);
            }
        }
        List<Annotated> annotated = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            CSVRecord row = rows.get(i);
            Entry entry = entries.get(i);
            List<String> subtypes = subtypeColumns.stream().filter(name -> "1".equals(row.get(name).trim())).toList();
            double position = sliceNumber == null ? Double.NaN
                    : Double.parseDouble(row.get(sliceNumber)) / Math.max(1, highest.get(entry.patient()));
            annotated.add(new Annotated(entry, folderLabel == null ? null : row.get(folderLabel), subtypes, position));
        }
        return annotated;
    }

    /** The prepared square turned clockwise by {@code quarterTurns} × 90°. */
    static float[] rotate(PreparedImage image, int quarterTurns) {
        float[] t = image.tensor();
        int n = image.size();
        for (int turn = 0; turn < Math.floorMod(quarterTurns, 4); turn++) {
            float[] turned = new float[t.length];
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    turned[x * n + (n - 1 - y)] = t[y * n + x];
                }
            }
            t = turned;
        }
        return t;
    }

    /** The slices grouped by patient, patients in a stable order. */
    public static Map<String, List<Slice>> byPatient(List<Slice> slices) {
        Map<String, List<Slice>> patients = new TreeMap<>();
        slices.forEach(s -> patients.computeIfAbsent(s.patient(), p -> new ArrayList<>()).add(s));
        return patients;
    }
}
