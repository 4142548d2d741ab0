package org.strokescan.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        List<String> lines = Files.readAllLines(folder.resolve("manifest.csv"), StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException("manifest.csv in " + folder + " is empty");
        }
        List<String> header = fields(lines.getFirst());
        int file = column(header, "file");
        int patient = column(header, "patient_id");
        int label = column(header, labelColumn);
        List<Entry> entries = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                List<String> fields = fields(line);
                entries.add(new Entry(fields.get(file), fields.get(patient), Integer.parseInt(fields.get(label).trim())));
            }
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
        List<Entry> entries = manifest(folder, labelColumn);
        List<String> lines = Files.readAllLines(folder.resolve("manifest.csv"), StandardCharsets.UTF_8);
        List<String> header = fields(lines.getFirst());
        int folderLabel = header.indexOf("label");
        int sliceNumber = header.indexOf("ctich_slice_number") >= 0 ? header.indexOf("ctich_slice_number")
                : header.indexOf("slice_index");
        Map<String, Double> highest = new java.util.HashMap<>();
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                rows.add(fields(line).toArray(String[]::new));
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            if (sliceNumber >= 0) {
                highest.merge(entries.get(i).patient(), Double.parseDouble(rows.get(i)[sliceNumber]), Math::max);
            }
        }
        List<Annotated> annotated = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            Entry entry = entries.get(i);
            List<String> subtypes = SUBTYPES.stream()
                    .filter(name -> header.indexOf(name) >= 0 && "1".equals(row[header.indexOf(name)].trim())).toList();
            double position = sliceNumber < 0 ? Double.NaN
                    : Double.parseDouble(row[sliceNumber]) / Math.max(1, highest.get(entry.patient()));
            annotated.add(new Annotated(entry, folderLabel < 0 ? null : row[folderLabel], subtypes, position));
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

    /** One CSV line split into fields; double quotes group commas and "" is a quote. */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** The slices grouped by patient, patients in a stable order. */
    public static Map<String, List<Slice>> byPatient(List<Slice> slices) {
        Map<String, List<Slice>> patients = new TreeMap<>();
        slices.forEach(s -> patients.computeIfAbsent(s.patient(), p -> new ArrayList<>()).add(s));
        return patients;
    }

    private static int column(List<String> header, String name) throws IOException {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IOException("manifest.csv has no column " + name);
        }
        return index;
    }
}
