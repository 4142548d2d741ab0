package org.strokescan.inference.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.strokescan.inference.entity.ModelCard;
import org.strokescan.inference.entity.ModelSource;

/**
 * Where models come from. Models ship with the application as versioned folders {@code models/<name>/<version>/}
 * (SavedModel + model card) on the class path, built from {@code src/main/models}; TensorFlow needs files, so the
 * active one is copied into {@code <data dir>/models/<name>/<version>} and verified there. An operator can point
 * {@code strokescan.model.dir} at a folder of the same layout; its models come first, the bundled ones stay
 * available beside them.
 */
public final class ModelRegistry {

    static final String BUNDLED = "models/";
    /** The bundled models' ids, one per line: a class path cannot be listed reliably (a WAR, a jar, a folder). */
    static final String INDEX = BUNDLED + "index.txt";
    private static final String ID_PATTERN = "[a-z0-9][a-z0-9-]*/\\d+\\.\\d+\\.\\d+";

    private ModelRegistry() {
    }

    /**
     * The folder of model {@code id} ({@code name/version}): under {@code modelsFolder} if it is there, else the
     * bundled copy, unpacked into {@code dataDirectory}.
     *
     * @throws ModelUnavailableException if there is no such model
     */
    public static Path locate(String id, Optional<Path> modelsFolder, Path dataDirectory) {
        requireId(id);
        Optional<Path> own = inFolder(id, modelsFolder);
        if (own.isPresent()) {
            return own.get();
        }
        if (modelsFolder.isPresent() && !bundled().contains(id)) {
            throw new ModelUnavailableException("model " + id + " is neither in " + modelsFolder.get()
                    + " (no " + id + "/" + ModelCard.FILE_NAME + ") nor bundled with this build");
        }
        return unpack(id, dataDirectory.resolve("models").resolve(id));
    }

    /** Every model this server could load, by id: those under {@code modelsFolder} first, then the bundled ones. */
    public static List<ModelSource> available(Optional<Path> modelsFolder) {
        TreeMap<String, ModelSource> found = new TreeMap<>();
        for (String id : bundled()) {
            found.put(id, new ModelSource(id, ModelSource.Origin.BUNDLED));
        }
        if (modelsFolder.isPresent() && Files.isDirectory(modelsFolder.get())) {
            try (Stream<Path> cards = Files.find(modelsFolder.get(), 3,
                    (path, attributes) -> path.getFileName().toString().equals(ModelCard.FILE_NAME))) {
                cards.map(card -> modelsFolder.get().relativize(card.getParent()).toString().replace('\\', '/'))
                        .filter(id -> id.matches(ID_PATTERN))
                        .forEach(id -> found.put(id, new ModelSource(id, ModelSource.Origin.DIRECTORY)));
            } catch (IOException e) {
                throw new ModelUnavailableException("the models in " + modelsFolder.get() + " could not be listed: "
                        + e.getMessage(), e);
            }
        }
        return List.copyOf(found.values());
    }

    /** The card of model {@code id}, read without unpacking or loading the model. */
    public static ModelCard card(String id, Optional<Path> modelsFolder) {
        requireId(id);
        Optional<Path> own = inFolder(id, modelsFolder);
        if (own.isPresent()) {
            return ModelCards.read(own.get());
        }
        try (InputStream in = ModelRegistry.class.getClassLoader().getResourceAsStream(BUNDLED + id + "/"
                + ModelCard.FILE_NAME)) {
            if (in == null) {
                throw new ModelUnavailableException("there is no model " + id);
            }
            return ModelCards.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ModelUnavailableException("the card of model " + id + " could not be read: " + e.getMessage(), e);
        }
    }

    /** The ids in the bundled index. */
    static List<String> bundled() {
        try (InputStream in = ModelRegistry.class.getClassLoader().getResourceAsStream(INDEX)) {
            if (in == null) {
                return List.of();
            }
            List<String> ids = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (line.matches(ID_PATTERN)) {
                    ids.add(line);
                }
            }
            return ids;
        } catch (IOException e) {
            throw new ModelUnavailableException("the index of bundled models could not be read: " + e.getMessage(), e);
        }
    }

    private static void requireId(String id) {
        if (id == null || !id.matches(ID_PATTERN)) {
            throw new ModelUnavailableException("a model is named <name>/<version>, e.g. strokescan-ich/1.0.0; got " + id);
        }
    }

    private static Optional<Path> inFolder(String id, Optional<Path> modelsFolder) {
        return modelsFolder.map(folder -> folder.resolve(id))
                .filter(folder -> Files.isRegularFile(folder.resolve(ModelCard.FILE_NAME)));
    }

    /**
     * Unpacks a bundled model into {@code target}, or keeps the copy there when it is whole. Nodes of a cluster on one
     * machine share the data folder: a file lock makes them take turns (synchronized for this JVM's own threads, as
     * one JVM cannot hold one file's lock twice), and a whole copy is never replaced under a node that loads it.
     */
    private static synchronized Path unpack(String id, Path target) {
        ClassLoader loader = ModelRegistry.class.getClassLoader();
        String prefix = BUNDLED + id + "/";
        try (InputStream cardStream = loader.getResourceAsStream(prefix + ModelCard.FILE_NAME)) {
            if (cardStream == null) {
                throw new ModelUnavailableException("no model " + id + " is bundled with this build; set"
                        + " strokescan.model.active to a bundled model or strokescan.model.dir to a folder of models");
            }
            String json = new String(cardStream.readAllBytes(), StandardCharsets.UTF_8);
            ModelCard card = ModelCards.fromJson(json);
            Path lockFile = Files.createDirectories(target.getParent()).resolve(target.getFileName() + ".lock");
            try (FileChannel lock = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = lock.lock()) {
                return whole(target, json, card) ? target : copyBundled(id, target, json, card);
            }
        } catch (IOException e) {
            throw new ModelUnavailableException("model " + id + " could not be unpacked into " + target + ": "
                    + e.getMessage(), e);
        }
    }

    /** Whether {@code folder} holds this card and every file it lists, unchanged (and nothing else). */
    private static boolean whole(Path folder, String json, ModelCard card) throws IOException {
        Path cardFile = folder.resolve(ModelCard.FILE_NAME);
        if (!Files.isRegularFile(cardFile) || !Files.readString(cardFile, StandardCharsets.UTF_8).equals(json)) {
            return false;
        }
        try {
            ModelFiles.verify(folder, card);
            return true;
        } catch (ModelUnavailableException damaged) {
            return false;
        }
    }

    /** Copies the bundled files into a staging folder beside {@code target}, then swaps it in. */
    private static Path copyBundled(String id, Path target, String json, ModelCard card) throws IOException {
        ClassLoader loader = ModelRegistry.class.getClassLoader();
        String prefix = BUNDLED + id + "/";
        Path staging = target.resolveSibling(target.getFileName() + ".unpacking");
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
