package org.strokescan.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The accounts the server under test seeded on its first start, read from the credentials file it wrote
 * (failsafe points {@code STROKESCAN_DATA_DIR} at {@code target/it-data}).
 */
public final class SeededAccounts {

    public record Credentials(String username, String password, String role) {
    }

    private SeededAccounts() {
    }

    public static Path dataDirectory() {
        String configured = System.getenv("STROKESCAN_DATA_DIR");
        return Path.of(configured != null ? configured : "target/it-data");
    }

    public static Map<String, Credentials> read() {
        return read(dataDirectory());
    }

    /** The accounts a server with its data in {@code directory} seeded. */
    public static Map<String, Credentials> read(Path directory) {
        Path file = directory.resolve("initial-credentials.txt");
        try {
            return Files.readAllLines(file).stream()
                    .map(line -> line.split(" "))
                    .map(parts -> new Credentials(parts[0], parts[1], parts[2]))
                    .collect(Collectors.toMap(Credentials::username, c -> c));
        } catch (IOException e) {
            throw new UncheckedIOException("the server under test did not write " + file, e);
        }
    }

    public static Credentials get(String username) {
        Credentials credentials = read().get(username);
        if (credentials == null) {
            throw new IllegalStateException(username + " was not seeded; is strokescan.demo on?");
        }
        return credentials;
    }
}
