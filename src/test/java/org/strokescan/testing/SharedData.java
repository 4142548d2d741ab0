package org.strokescan.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The datasets in {@code ../shared/data}, which are never part of the repository. A test that needs one skips where
 * there is no {@code ../shared} at all (a fresh clone on a laptop), but fails under CI ({@code CI=true}) when the
 * shared folder is there without the dataset: the README quotes what these tests measure, so they must not skip
 * quietly where the data is meant to be.
 */
public final class SharedData {

    public static final Path ROOT = Path.of(System.getenv().getOrDefault("PROJECT_ROOT", "."))
            .resolve("../shared/data").normalize();

    private SharedData() {
    }

    /** The dataset folders, each under {@link #ROOT}; skips or fails the calling test when one is missing. */
    public static Path require(String... folders) {
        for (String folder : folders) {
            Path path = ROOT.resolve(folder);
            if (!Files.isDirectory(path)) {
                String message = "needs the dataset folder " + path + " (not part of the repository)";
                if ("true".equalsIgnoreCase(System.getenv("CI")) && Files.isDirectory(ROOT.getParent())) {
                    fail(message + "; CI=true and " + ROOT.getParent() + " exists, so the dataset is missing");
                }
                assumeTrue(false, message);
            }
        }
        return ROOT;
    }
}
