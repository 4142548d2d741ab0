package org.strokescan.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.strokescan.inference.control.DicomGate;
import org.strokescan.inference.control.ImageIntake;
import org.strokescan.inference.control.ModelRegistry;
import org.strokescan.platform.ShippedConfiguration;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The server's configuration, looked up as MicroProfile Config does: system property, then environment
 * variable ({@code strokescan.db.url} → {@code STROKESCAN_DB_URL}), then the defaults the server ships in
 * {@code META-INF/microprofile-config.properties} ({@link ShippedConfiguration}). Also the default of every option
 * whose {@code descriptionKey} is a configuration key (an option that stands for a server setting), so that its
 * default is not written a second time.
 */
final class CliConfig implements IDefaultValueProvider {

    /** Help text of the {@code --model} option of the commands that run a model. */
    static final String MODEL_HELP = "The model folder (with its model-card.json). Default: the active model"
            + " (strokescan.model.active) as the server finds it: in strokescan.model.dir if set, else the bundled"
            + " copy unpacked under strokescan.data-dir.";

    private final Map<String, String> environment;
    private final Properties defaults = ShippedConfiguration.defaults();

    CliConfig(Map<String, String> environment) {
        this.environment = environment;
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

    /** A key the server cannot start without (it has a default, so only an empty override leaves it unset). */
    String required(String key) {
        return get(key).orElseThrow(() -> new IllegalArgumentException(key + " is set to an empty value"));
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (argument instanceof OptionSpec option && option.descriptionKey().startsWith("strokescan.")) {
            return required(option.descriptionKey());
        }
        return null;
    }

    /** The server's intake limits, as configured. */
    ImageIntake intake() {
        return new ImageIntake(Long.parseLong(required("strokescan.upload.max-bytes")),
                Long.parseLong(required("strokescan.upload.max-pixels")));
    }

    /** The server's DICOM gate, as configured ({@code strokescan.dicom.*}). */
    DicomGate dicomGate() {
        return DicomGate.configured(key -> get(key).orElse(""));
    }

    /** The model folder given on the command line, else the active model as the server would find it. */
    Path modelFolder(Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        return ModelRegistry.locate(required("strokescan.model.active"), get("strokescan.model.dir").map(Path::of),
                Path.of(required("strokescan.data-dir")));
    }
}
