package org.strokescan.inference.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.strokescan.inference.entity.ModelCard;

/**
 * Where models come from. Models ship with the application as versioned folders {@code models/<name>/<version>/}
 * (SavedModel + model card) on the class path, built from {@code src/main/models}; TensorFlow needs files, so the
 * active one is copied into {@code <data dir>/models/<name>/<version>} and verified there. An operator can point
 * {@code strokescan.model.dir} at a folder of the same layout instead.
 */
public final class ModelRegistry {

    static final String BUNDLED = "models/";

    private ModelRegistry() {
    }

    /**
     * The folder of model {@code id} ({@code name/version}): under {@code modelsFolder} if given, else the bundled
     * copy, unpacked into {@code dataDirectory}.
     *
     * @throws ModelUnavailableException if there is no such model
     */
    public static Path locate(String id, Optional<Path> modelsFolder, Path dataDirectory) {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]*/\\d+\\.\\d+\\.\\d+")) {
            throw new ModelUnavailableException("strokescan.model.active must be <name>/<version>, e.g."
                    + " strokescan-ich/1.0.0; got " + id);
        }
        if (modelsFolder.isPresent()) {
            Path folder = modelsFolder.get().resolve(id);
            if (!Files.isRegularFile(folder.resolve(ModelCard.FILE_NAME))) {
                throw new ModelUnavailableException("model " + id + " is not in " + modelsFolder.get()
                        + " (no " + id + "/" + ModelCard.FILE_NAME + ")");
            }
            return folder;
        }
        return unpack(id, dataDirectory.resolve("models").resolve(id));
    }

    private static Path unpack(String id, Path target) {
        ClassLoader loader = ModelRegistry.class.getClassLoader();
        String prefix = BUNDLED + id + "/";
        try (InputStream cardStream = loader.getResourceAsStream(prefix + ModelCard.FILE_NAME)) {
            if (cardStream == null) {
                throw new ModelUnavailableException("no model " + id + " is bundled with this build; set"
                        + " strokescan.model.active to a bundled model or strokescan.model.dir to a folder of models");
            }
            String json = new String(cardStream.readAllBytes(), StandardCharsets.UTF_8);
            ModelCard card = ModelCards.fromJson(json);
            Path staging = Files.createDirectories(target.getParent()).resolve(target.getFileName() + ".unpacking");
            deleteRecursively(staging);
            for (String file : card.files().keySet()) {
                if (file.contains("..") || file.startsWith("/")) {
                    throw new ModelUnavailableException("model " + id + " lists an unsafe file path: " + file);
                }
                try (InputStream in = loader.getResourceAsStream(prefix + file)) {
                    if (in == null) {
                        throw new ModelUnavailableException("model " + id + " is incomplete: " + file + " is missing");
                    }
                    Path destination = staging.resolve(file);
                    Files.createDirectories(destination.getParent());
                    Files.copy(in, destination);
                }
            }
            Files.writeString(staging.resolve(ModelCard.FILE_NAME), json, StandardCharsets.UTF_8);
            deleteRecursively(target);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new ModelUnavailableException("model " + id + " could not be unpacked into " + target + ": "
                    + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
