package org.strokescan.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.strokescan.inference.control.ImageIntake;
import org.strokescan.inference.control.Preprocessor;
import org.strokescan.inference.entity.IntakeResult;

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
        List<String> lines = Files.readAllLines(folder.resolve("manifest.csv"), StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException("manifest.csv in " + folder + " is empty");
        }
        List<String> header = Arrays.asList(lines.getFirst().split(",", -1));
        int file = column(header, "file");
        int patient = column(header, "patient_id");
        int label = column(header, labelColumn);
        ImageIntake intake = new ImageIntake();
        List<Slice> slices = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            // plain CSV: the manifests we read quote nothing
            String[] fields = line.split(",", -1);
            Path image = folder.resolve(fields[file]);
            IntakeResult result = intake.read(Files.readAllBytes(image));
            if (!(result instanceof IntakeResult.Accepted accepted)) {
                throw new IOException(image + ": " + ((IntakeResult.Rejected) result).message());
            }
            slices.add(new Slice(fields[file], fields[patient], Integer.parseInt(fields[label].trim()),
                    preprocessor.prepare(accepted.image()).tensor()));
        }
        return slices;
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
