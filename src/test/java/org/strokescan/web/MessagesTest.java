package org.strokescan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.strokescan.inference.entity.RefusalReason;

/** Every text exists in every language, with the same placeholders, and formats without error. */
class MessagesTest {

    private static Properties bundle(String suffix) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/org/strokescan/web/messages" + suffix + ".properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @ParameterizedTest
    @ValueSource(strings = {"es", "ta"})
    void everyKeyIsTranslatedWithTheSamePlaceholders(String language) throws IOException {
        Properties english = bundle("");
        Properties translated = bundle("_" + language);
        assertEquals(new TreeSet<>(english.stringPropertyNames()), new TreeSet<>(translated.stringPropertyNames()),
                "keys of messages_" + language);
        for (String key : english.stringPropertyNames()) {
            String original = english.getProperty(key);
            String translation = translated.getProperty(key);
            for (int i = 0; i < 3; i++) {
                assertEquals(original.contains("{" + i + "}"), translation.contains("{" + i + "}"), key + " {" + i + "}");
            }
            new MessageFormat(translation, Locale.forLanguageTag(language)).format(new Object[] {"x", "y", "z"});
            assertTrue(!translation.isBlank(), key);
        }
    }

    /** A refused slice is shown by its stored reason code: every reason there is has its words. */
    @Test
    void everyRefusalReasonHasItsText() throws IOException {
        Properties english = bundle("");
        for (Class<?> reasons : RefusalReason.class.getPermittedSubclasses()) {
            for (Object reason : reasons.getEnumConstants()) {
                String key = "reject." + ((RefusalReason) reason).name();
                assertTrue(english.containsKey(key), key);
            }
        }
    }
}
