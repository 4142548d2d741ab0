package org.strokescan.inference.control;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.strokescan.inference.entity.ModelCard;

/** Reads and writes {@code model-card.json}. */
public final class ModelCards {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private ModelCards() {
    }

    public static String toJson(ModelCard card) {
        return GSON.toJson(card) + "\n";
    }

    /** @throws ModelUnavailableException naming what is wrong with the card */
    public static ModelCard fromJson(String json) {
        try {
            ModelCard card = GSON.fromJson(json, ModelCard.class);
            if (card == null) {
                throw new ModelUnavailableException("the model card is empty");
            }
            return card;
        } catch (ModelUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // Gson wraps what the card's constructor refused; the innermost message says what is wrong
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new ModelUnavailableException("the model card is not valid: " + cause.getMessage(), e);
        }
    }

    public static ModelCard read(Path folder) {
        Path file = folder.resolve(ModelCard.FILE_NAME);
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ModelUnavailableException("no readable " + ModelCard.FILE_NAME + " in " + folder);
        }
    }

    public static void write(Path folder, ModelCard card) throws IOException {
        Files.writeString(folder.resolve(ModelCard.FILE_NAME), toJson(card), StandardCharsets.UTF_8);
    }
}
