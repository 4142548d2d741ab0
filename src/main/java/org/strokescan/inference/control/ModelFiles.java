package org.strokescan.inference.control;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.strokescan.inference.entity.ModelCard;

/** The files of a model folder and their sha256: written into the card at export, checked before loading. */
public final class ModelFiles {

    private ModelFiles() {
    }

    /** sha256 of every regular file under {@code folder} except the card, by '/'-separated relative path. */
    public static Map<String, String> hash(Path folder) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = folder.relativize(file).toString().replace('\\', '/');
                if (!relative.equals(ModelCard.FILE_NAME)) {
                    hashes.put(relative, sha256(file));
                }
            }
        }
        return hashes;
    }

    /**
     * Checks that the folder holds exactly the files the card lists, each with its recorded sha256.
     *
     * @throws ModelUnavailableException naming the first file that is missing, extra or changed
     */
    public static void verify(Path folder, ModelCard card) {
        Map<String, String> actual;
        try {
            actual = hash(folder);
        } catch (IOException | UncheckedIOException e) {
            throw new ModelUnavailableException("the model folder " + folder + " cannot be read: " + e.getMessage(), e);
        }
        for (Map.Entry<String, String> expected : new TreeMap<>(card.files()).entrySet()) {
            String found = actual.get(expected.getKey());
            if (found == null) {
                throw new ModelUnavailableException("model " + card.id() + " is incomplete: " + expected.getKey() + " is missing");
            }
            if (!found.equalsIgnoreCase(expected.getValue())) {
                throw new ModelUnavailableException("model " + card.id() + " is corrupt: the checksum of "
                        + expected.getKey() + " does not match its model card");
            }
        }
        for (String path : actual.keySet()) {
            if (!card.files().containsKey(path)) {
                throw new ModelUnavailableException("model " + card.id() + " holds a file its card does not list: " + path);
            }
        }
    }

    static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
