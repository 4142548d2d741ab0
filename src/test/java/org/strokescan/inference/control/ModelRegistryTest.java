package org.strokescan.inference.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokescan.inference.entity.ModelCard;
import org.strokescan.inference.entity.ModelSource;
import org.strokescan.training.TestModels;

/** Finding, verifying and refusing models: every failure names what is wrong, none is a stack trace. */
class ModelRegistryTest {

    private static final String BUNDLED_MODEL = "strokescan-ich/2.0.0";

    @TempDir
    static Path models;

    static Path exported;

    @BeforeAll
    static void export() throws Exception {
        exported = TestModels.export(models.resolve("test-model/0.0.1"), 3L);
    }

    @Test
    void theCardListsEveryFileWithItsChecksum() {
        ModelCard card = ModelCards.read(exported);
        assertTrue(card.files().containsKey("saved_model.pb"), card.files().toString());
        assertTrue(card.files().keySet().stream().anyMatch(f -> f.startsWith("variables/")), card.files().toString());
        ModelFiles.verify(exported, card);
        assertEquals(64, card.checksum().length());
        assertEquals(card, ModelCards.fromJson(ModelCards.toJson(card)), "the card survives a round trip");
        ModelCard otherThreshold = new ModelCard(card.name(), card.version(), card.task(), card.preprocessing(), 0.3,
                card.trainingData(), card.validation(), card.metrics(), card.intendedUse(), card.limitations(), card.files());
        assertNotEquals(card.checksum(), otherThreshold.checksum(), "an edited threshold is a different model");
    }

    @Test
    void aModelIsFoundUnderAModelsFolder() {
        assertEquals(exported, ModelRegistry.locate("test-model/0.0.1", Optional.of(models), models));
        ModelUnavailableException missing = assertThrows(ModelUnavailableException.class,
                () -> ModelRegistry.locate("test-model/9.9.9", Optional.of(models), models));
        assertTrue(missing.getMessage().contains("test-model/9.9.9 is neither in"), missing.getMessage());
        ModelUnavailableException malformed = assertThrows(ModelUnavailableException.class,
                () -> ModelRegistry.locate("latest", Optional.empty(), models));
        assertTrue(malformed.getMessage().contains("<name>/<version>"), malformed.getMessage());
        ModelUnavailableException notBundled = assertThrows(ModelUnavailableException.class,
                () -> ModelRegistry.locate("nothing-here/1.0.0", Optional.empty(), models));
        assertTrue(notBundled.getMessage().contains("no model nothing-here/1.0.0 is bundled"), notBundled.getMessage());
    }

    @Test
    void theBundledIndexListsEveryBundledModelFolder() throws Exception {
        Path source = Path.of("src/main/models");
        List<String> folders;
        try (var cards = Files.find(source, 3, (p, a) -> p.getFileName().toString().equals(ModelCard.FILE_NAME))) {
            folders = cards.map(c -> source.relativize(c.getParent()).toString()).sorted().toList();
        }
        assertEquals(folders, ModelRegistry.bundled(), "src/main/models/index.txt must list exactly the model folders");
    }

    @Test
    void anOperatorsFolderAddsToTheBundledModels() {
        var available = ModelRegistry.available(Optional.of(models));
        assertTrue(available.contains(new ModelSource("test-model/0.0.1", ModelSource.Origin.DIRECTORY)), available.toString());
        assertTrue(available.stream().anyMatch(m -> m.origin() == ModelSource.Origin.BUNDLED), available.toString());
        assertEquals(ModelRegistry.bundled().size(), ModelRegistry.available(Optional.empty()).size());
        assertEquals("test-model", ModelRegistry.card("test-model/0.0.1", Optional.of(models)).name());
        assertEquals("2.0.0", ModelRegistry.card("strokescan-ich/2.0.0", Optional.of(models)).version(),
                "a bundled card is read beside an operator's folder");
        assertThrows(ModelUnavailableException.class, () -> ModelRegistry.card("nothing-here/1.0.0", Optional.empty()));
    }

    @Test
    void aChangedMissingOrExtraFileIsRefusedBeforeTensorFlowSeesIt(@TempDir Path copy) throws Exception {
        Path model = TestModels.export(copy.resolve("m"), 3L);
        Path variables;
        try (var files = Files.list(model.resolve("variables"))) {
            variables = files.filter(f -> f.toString().contains(".data-")).findFirst().orElseThrow();
        }
        byte[] original = Files.readAllBytes(variables);
        byte[] flipped = original.clone();
        flipped[flipped.length / 2] ^= 0x01;
        Files.write(variables, flipped);
        ModelUnavailableException corrupt = assertThrows(ModelUnavailableException.class, () -> StrokeModel.load(model, 1));
        assertTrue(corrupt.getMessage().contains("is corrupt: the checksum of variables/"), corrupt.getMessage());

        Files.write(variables, original);
        Files.writeString(model.resolve("extra.txt"), "not listed");
        ModelUnavailableException extra = assertThrows(ModelUnavailableException.class, () -> StrokeModel.load(model, 1));
        assertTrue(extra.getMessage().contains("does not list: extra.txt"), extra.getMessage());

        Files.delete(model.resolve("extra.txt"));
        Files.delete(model.resolve("saved_model.pb"));
        ModelUnavailableException missing = assertThrows(ModelUnavailableException.class, () -> StrokeModel.load(model, 1));
        assertTrue(missing.getMessage().contains("saved_model.pb is missing"), missing.getMessage());

        Files.writeString(model.resolve(ModelCard.FILE_NAME), "{ \"name\": \"Bad Name\" }");
        ModelUnavailableException badCard = assertThrows(ModelUnavailableException.class, () -> StrokeModel.load(model, 1));
        assertTrue(badCard.getMessage().contains("model card is not valid"), badCard.getMessage());
    }

    @Test
    void aBundledModelIsUnpackedOnceAndADamagedCopyReplaced(@TempDir Path data) throws Exception {
        Path unpacked = ModelRegistry.locate(BUNDLED_MODEL, Optional.empty(), data);
        ModelFiles.verify(unpacked, ModelCards.read(unpacked));
        Path graph = unpacked.resolve("saved_model.pb");
        var written = Files.getLastModifiedTime(graph);
        Thread.sleep(20);
        assertEquals(unpacked, ModelRegistry.locate(BUNDLED_MODEL, Optional.empty(), data));
        assertEquals(written, Files.getLastModifiedTime(graph), "a whole copy is kept, not written again");

        Files.write(graph, new byte[] {1, 2, 3});
        ModelRegistry.locate(BUNDLED_MODEL, Optional.empty(), data);
        ModelFiles.verify(unpacked, ModelCards.read(unpacked));
    }

    /** Nodes of a cluster on one machine unpack into one data folder at once (ClusterIT saw one fail at start). */
    @Test
    void processesUnpackingIntoOneDataFolderAtOnceEachGetAWholeModel(@TempDir Path data) throws Exception {
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            processes.add(new ProcessBuilder(javaBinary, "-cp", System.getProperty("java.class.path"),
                    Unpacker.class.getName(), data.toString()).redirectErrorStream(true).start());
        }
        for (Process process : processes) {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "an unpacker hung");
            assertEquals(0, process.exitValue(), output);
        }
    }

    /** One process of the test above: locates the bundled model and checks the copy it was given, five times. */
    public static final class Unpacker {
        public static void main(String[] arguments) {
            for (int i = 0; i < 5; i++) {
                Path model = ModelRegistry.locate(BUNDLED_MODEL, Optional.empty(), Path.of(arguments[0]));
                ModelFiles.verify(model, ModelCards.read(model));
            }
        }
    }
}
