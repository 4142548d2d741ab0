package org.strokescan.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Generated head-CT studies for the DICOM tests: runs {@code src/test/python/ct_series.py} (pydicom) and returns its
 * summary. See that script's {@code --help} for the options (window, slice thickness, the cases a receiver must
 * refuse or handle).
 */
public final class CtSeries {

    static final String MISSING = "needs python3 with pydicom, numpy and PIL: install Debian packages python3-pydicom "
            + "python3-numpy python3-pil (or name another interpreter in STROKESCAN_TEST_PYTHON)";
    private static String python;

    /** One written file; {@code z} is its position along the patient axis (mm), {@code source} its slice image. */
    public record Instance(Path file, String seriesInstanceUid, String sopInstanceUid, int instanceNumber, double z,
                           int rows, int columns, String source) {
    }

    /** What the script wrote; {@code stowContentType} and {@code stowBody} are null without {@code --stow-body}. */
    public record Summary(String studyInstanceUid, List<String> seriesInstanceUids, List<String> sopInstanceUids,
                          String patientId, String issuerOfPatientId, String accessionNumber, String modality,
                          Path folder, List<Instance> instances, String stowContentType, Path stowBody) {
    }

    private CtSeries() {
    }

    /**
     * The first {@code slices} slices (from the skull base) of a brain-ct patient, with UIDs from {@code seed}, into
     * {@code folder}; {@code options} are more of the script's options, e.g. {@code "--modality", "MR"}. Skips the
     * calling test where the dataset is not (see {@link SharedData}).
     */
    public static Summary ofPatient(int patient, int slices, String seed, Path folder, String... options)
            throws IOException {
        SharedData.require("brain-ct");
        List<String> arguments = new ArrayList<>(List.of("--patient", String.valueOf(patient),
                "--max-slices", String.valueOf(slices), "--seed", seed));
        arguments.addAll(List.of(options));
        return generate(folder, arguments.toArray(String[]::new));
    }

    /** Runs the script with these options and {@code --out folder}. */
    public static Summary generate(Path folder, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(python(), script().toString(), "--out", folder.toString()));
        command.addAll(List.of(options));
        Path errors = Files.createTempFile("ct-series", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(errors));
            }
            return summary(output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating a CT series", e);
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    static Path script() {
        return Path.of(System.getenv().getOrDefault("PROJECT_ROOT", ".")).resolve("src/test/python/ct_series.py")
                .toAbsolutePath().normalize();
    }

    /**
     * The first interpreter that imports pydicom, numpy and PIL: {@code STROKESCAN_TEST_PYTHON}, Debian's
     * {@code /usr/bin/python3} (where the python3-* packages install; a pyenv or venv python3 first on the PATH
     * usually lacks them), then {@code python3} on the PATH.
     */
    static synchronized String python() throws IOException {
        if (python != null) {
            return python;
        }
        List<String> candidates = new ArrayList<>();
        if (System.getenv("STROKESCAN_TEST_PYTHON") != null) {
            candidates.add(System.getenv("STROKESCAN_TEST_PYTHON"));
        }
        candidates.addAll(List.of("/usr/bin/python3", "python3"));
        StringBuilder tried = new StringBuilder();
        for (String candidate : candidates) {
            try {
                Process probe = new ProcessBuilder(candidate, "-c", "import pydicom, numpy, PIL")
                        .redirectErrorStream(true).start();
                String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    python = candidate;
                    return python;
                }
                tried.append("\n  ").append(candidate).append(": ").append(output);
            } catch (IOException notThere) {
                tried.append("\n  ").append(candidate).append(": ").append(notThere.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while looking for python3", e);
            }
        }
        throw new IllegalStateException(MISSING + tried);
    }

    private static Summary summary(String json) {
        JsonObject summary;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            summary = reader.readObject();
        }
        List<Instance> instances = summary.getJsonArray("instances").getValuesAs(JsonObject.class).stream()
                .map(i -> new Instance(Path.of(i.getString("file")), i.getString("seriesInstanceUid"),
                        i.getString("sopInstanceUid"), i.getInt("instanceNumber"),
                        i.getJsonNumber("z").doubleValue(), i.getInt("rows"), i.getInt("columns"),
                        i.getString("source")))
                .toList();
        return new Summary(summary.getString("studyInstanceUid"), strings(summary, "seriesInstanceUids"),
                strings(summary, "sopInstanceUids"), summary.getString("patientId"),
                summary.getString("issuerOfPatientId"), summary.getString("accessionNumber"),
                summary.getString("modality"), Path.of(summary.getString("out")), instances,
                summary.getString("stowContentType", null),
                summary.containsKey("stowBody") ? Path.of(summary.getString("stowBody")) : null);
    }

    private static List<String> strings(JsonObject object, String name) {
        return object.getJsonArray(name).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    /** The files the summary names, in order. */
    public static List<Path> files(Summary summary) {
        return summary.instances().stream().map(Instance::file).toList();
    }
}
