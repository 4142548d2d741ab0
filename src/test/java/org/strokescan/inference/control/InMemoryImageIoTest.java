package org.strokescan.inference.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokescan.inference.entity.GrayImage;
import org.strokescan.inference.entity.IntakeResult;
import org.strokescan.inference.entity.PreparedImage;
import org.strokescan.inference.entity.PreprocessingSpec;
import org.strokescan.training.HeadPhantom;

/**
 * Uploads are decoded and heat maps encoded in memory: with ImageIO's defaults every image would first be copied
 * into a temporary file (slower, and a patient's slice on disk). The files would be deleted again at once, so the
 * test watches the cache folder for any file being created at all.
 */
class InMemoryImageIoTest {

    @TempDir
    Path cache;

    @Test
    void decodingAndDrawingAHeatMapCreateNoTemporaryFile() throws Exception {
        File previous = ImageIO.getCacheDirectory();
        boolean previousUseCache = ImageIO.getUseCache();
        ImageIO.setUseCache(true);
        ImageIO.setCacheDirectory(cache.toFile());
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            List<byte[]> files = new ArrayList<>();
            for (String format : List.of("png", "jpeg")) {
                ByteArrayOutputStream file = new ByteArrayOutputStream();
                ImageIO.write(HeadPhantom.image(128, true), format, file); // this itself goes through a file
                files.add(file.toByteArray());
            }
            cache.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            ImageIntake intake = new ImageIntake();
            GrayImage decoded = null;
            for (byte[] file : files) {
                decoded = assertInstanceOf(IntakeResult.Accepted.class, intake.read(file)).image();
            }
            PreparedImage prepared = new Preprocessor(new PreprocessingSpec(32, PreprocessingSpec.Normalisation.NONE, 0))
                    .prepare(decoded);
            float[] heat = new float[32 * 32];
            Arrays.fill(heat, 0.5f);
            HeatmapOverlay.png(decoded, prepared, heat);

            WatchKey created = watcher.poll(1, TimeUnit.SECONDS);
            assertEquals(List.of(), created == null ? List.of()
                    : created.pollEvents().stream().map(e -> String.valueOf(e.context())).toList());
        } finally {
            ImageIO.setCacheDirectory(previous);
            ImageIO.setUseCache(previousUseCache);
        }
    }
}
