package org.strokescan.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;
import org.strokescan.inference.control.ModelCards;
import org.strokescan.inference.entity.ModelCard;

/** The model the server makes active by default ({@code strokescan.model.active}), as {@code name/version}. */
final class ActiveModel {

    static final String ID = read();
    static final String VERSION = ID.substring(ID.indexOf('/') + 1);

    private ActiveModel() {
    }

    /** Its card, from the project's model folder (what the server unpacks from the WAR). */
    static ModelCard card() {
        return ModelCards.read(Path.of("src/main/models").resolve(ID));
    }

    private static String read() {
        try (InputStream in = ActiveModel.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            Properties config = new Properties();
            config.load(in);
            return config.getProperty("strokescan.model.active");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
