package org.strokescan.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.strokescan.inference.control.ImageIntake;
import org.strokescan.inference.control.ModelRegistry;

/**
 * The server's configuration, looked up as MicroProfile Config does: system property, then environment
 * variable ({@code strokescan.db.url} → {@code STROKESCAN_DB_URL}), then the defaults the server ships in
 * {@code META-INF/microprofile-config.properties}.
 */
final class CliConfig {

    /** Help text of the {@code --model} option of the commands that run a model. */
    static final String MODEL_HELP = "The model folder (with its model-card.json). Default: the active model"
            + " (strokescan.model.active) as the server finds it: in strokescan.model.dir if set, else the bundled"
            + " copy unpacked under strokescan.data-dir.";

    private final Map<String, String> environment;
    private final Properties defaults = new Properties();

    CliConfig(Map<String, String> environment) {
        this.environment = environment;
        try (InputStream in = CliConfig.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            if (in != null) {
                defaults.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<String> get(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            value = environment.get(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        if (value == null) {
            value = defaults.getProperty(key);
        }
        return Optional.ofNullable(value).filter(v -> !v.isEmpty());
    }

    /** The server's intake limits, as configured. */
    ImageIntake intake() {
        return new ImageIntake(get("strokescan.upload.max-bytes").map(Long::parseLong).orElse(ImageIntake.DEFAULT_MAX_BYTES),
                get("strokescan.upload.max-pixels").map(Long::parseLong).orElse(ImageIntake.DEFAULT_MAX_PIXELS));
    }

    /** The model folder given on the command line, else the active model as the server would find it. */
    Path modelFolder(Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        return ModelRegistry.locate(get("strokescan.model.active").orElseThrow(), get("strokescan.model.dir").map(Path::of),
                Path.of(get("strokescan.data-dir").orElse("./data")));
    }
}
