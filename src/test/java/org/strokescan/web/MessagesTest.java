package org.strokescan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditOutcome;
import org.strokescan.examination.boundary.ExaminationException;
import org.strokescan.examination.entity.ReviewState;
import org.strokescan.examination.entity.Verdict;
import org.strokescan.fhir.entity.DeliveryState;
import org.strokescan.fhir.entity.ReportKind;
import org.strokescan.inference.control.ModelCards;
import org.strokescan.inference.entity.PreprocessingSpec;
import org.strokescan.inference.entity.RefusalReason;
import org.strokescan.platform.Role;
import org.strokescan.security.entity.AccountRejection;

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

    /**
     * Pages show these codes through the bundle (key = prefix + constant name): every constant has its words in
     * every language, so no page falls back to the raw code or a {@code ??key??} mark.
     */
    private static final Map<String, List<? extends Enum<?>>> RENDERED_CODES = Map.ofEntries(
            Map.entry("audit.action.", List.of(AuditAction.values())),
            Map.entry("audit.outcome.", List.of(AuditOutcome.values())),
            Map.entry("role.", List.of(Role.values())),
            Map.entry("verdict.", List.of(Verdict.values())),
            Map.entry("reviewState.", List.of(ReviewState.values())),
            Map.entry("delivery.", List.of(DeliveryState.values())),
            Map.entry("examination.delivery.", List.of(DeliveryState.values())),
            Map.entry("report.kind.", List.of(ReportKind.values())),
            Map.entry("model.normalisation.", List.of(PreprocessingSpec.Normalisation.values())),
            Map.entry("examination.error.", List.of(ExaminationException.Reason.values())),
            Map.entry("account.error.", List.of(AccountRejection.Reason.values())));

    @ParameterizedTest
    @ValueSource(strings = {"", "_es", "_ta"})
    void everyCodeAPageShowsHasItsWordsInEveryLanguage(String suffix) throws IOException {
        Properties texts = bundle(suffix);
        List<String> missing = new ArrayList<>();
        RENDERED_CODES.forEach((prefix, codes) -> codes.stream().map(code -> prefix + code.name())
                .filter(key -> !texts.containsKey(key)).forEach(missing::add));
        for (Class<?> reasons : RefusalReason.class.getPermittedSubclasses()) {
            for (Object reason : reasons.getEnumConstants()) {
                String key = "reject." + ((RefusalReason) reason).name();
                Stream.of(key, key + ".detail").filter(k -> !texts.containsKey(k)).forEach(missing::add);
            }
        }
        assertEquals(List.of(), missing, "keys missing from messages" + suffix);
    }

    /** The model card page names each metric of a shipped model in words, in every language. */
    @ParameterizedTest
    @ValueSource(strings = {"", "_es", "_ta"})
    void everyMetricOfAShippedModelHasItsName(String suffix) throws IOException {
        Properties texts = bundle(suffix);
        Set<String> metrics = new TreeSet<>();
        try (Stream<Path> cards = Files.list(Path.of("src/main/models/strokescan-ich"))) {
            cards.filter(folder -> Files.exists(folder.resolve("model-card.json")))
                    .forEach(card -> metrics.addAll(ModelCards.read(card).metrics().keySet()));
        }
        assertFalse(metrics.isEmpty(), "no model card found");
        assertEquals(List.of(), metrics.stream().map(metric -> "model.metric." + metric)
                .filter(key -> !texts.containsKey(key)).toList(), "keys missing from messages" + suffix);
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
