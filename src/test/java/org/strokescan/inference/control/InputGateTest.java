package org.strokescan.inference.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.strokescan.inference.entity.GateVerdict.Reason;
import org.strokescan.inference.entity.GateVerdict;
import org.strokescan.inference.entity.GrayImage;
import org.strokescan.inference.entity.IntakeResult;
import org.strokescan.testing.SharedData;
import org.strokescan.training.HeadPhantom;

class InputGateTest {

    private static final Path DATA = SharedData.ROOT;

    private final InputGate gate = new InputGate();
    private final ImageIntake intake = new ImageIntake();

    @Test
    void aGeneratedHeadSliceIsAccepted() {
        assertTrue(verdict(HeadPhantom.png(256, false)).accepted(), verdict(HeadPhantom.png(256, false)).message());
        assertTrue(verdict(HeadPhantom.png(512, true)).accepted());
        // the generated series the browser test uploads: heads from 80 % to 100 % of the full size
        for (int i = 0; i < 20; i++) {
            double scale = 0.8 + 0.2 * Math.sin(Math.PI * i / 19);
            assertTrue(verdict(HeadPhantom.png(256, i % 4 == 1, scale)).accepted(), "slice " + i + " at scale " + scale);
        }
    }

    @Test
    void blankColourAndDocumentLikeImagesAreRefusedWithAReason() {
        assertEquals(Reason.MOSTLY_BLACK, gate.check(new GrayImage(64, 64, new float[64 * 64]), 0).reason());
        float[] white = new float[64 * 64];
        java.util.Arrays.fill(white, 1f);
        assertEquals(Reason.NO_AIR_AROUND_HEAD, gate.check(new GrayImage(64, 64, white), 0).reason());
        GateVerdict colour = gate.check(new GrayImage(64, 64, white), 0.3);
        assertEquals(Reason.COLOUR, colour.reason());
        assertTrue(colour.message().contains("colour"));
    }

    @Test
    void aRingWithoutSoftTissueIsNotABrainWindow() {
        BufferedImage image = HeadPhantom.image(128, false);
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 128; x++) {
                if (image.getRaster().getSample(x, y, 0) > 0 && image.getRaster().getSample(x, y, 0) < 250) {
                    image.getRaster().setSample(x, y, 0, 20);
                }
            }
        }
        GateVerdict verdict = gate.check(ImageIntake.toGray(image), 0);
        assertFalse(verdict.accepted());
    }

    /**
     * The measurement reported in the README: the gate's bands were set on the development half (head-CT patients
     * with odd numbers, every other image of each non-CT category); this checks the other half.
     */
    @Test
    void heldOutHeadCtIsAcceptedAndNonCtRefused() throws IOException {
        Path ct = DATA.resolve("brain-ct");
        Path other = DATA.resolve("non-ct");
        SharedData.require("brain-ct", "non-ct");
        int accepted = 0;
        int slices = 0;
        for (String[] row : manifest(ct)) {
            if (Integer.parseInt(row[6]) % 2 == 0) {
                slices++;
                accepted += verdict(Files.readAllBytes(ct.resolve(row[0]))).accepted() ? 1 : 0;
            }
        }
        Map<String, int[]> byCategory = new TreeMap<>();
        Map<String, Integer> seen = new TreeMap<>();
        for (String[] row : manifest(other)) {
            int index = seen.merge(row[1], 1, Integer::sum) - 1;
            if (index % 2 == 1) {
                int[] counts = byCategory.computeIfAbsent(row[1], c -> new int[2]);
                counts[0]++;
                counts[1] += verdict(Files.readAllBytes(other.resolve(row[0]))).accepted() ? 0 : 1;
            }
        }
        int negatives = byCategory.values().stream().mapToInt(c -> c[0]).sum();
        int refused = byCategory.values().stream().mapToInt(c -> c[1]).sum();
        System.out.printf(Locale.ROOT, "input gate, held-out: head-CT accepted %d/%d (%.1f %%); non-CT refused %d/%d (%.1f %%)%n",
                accepted, slices, 100.0 * accepted / slices, refused, negatives, 100.0 * refused / negatives);
        byCategory.forEach((category, c) -> System.out.printf(Locale.ROOT, "  %-22s refused %d/%d%n", category, c[1], c[0]));
        assertTrue(accepted >= 0.97 * slices, "head-CT acceptance " + accepted + "/" + slices);
        assertTrue(refused >= 0.95 * negatives, "non-CT rejection " + refused + "/" + negatives);
    }

    private GateVerdict verdict(byte[] content) {
        IntakeResult.Accepted image = (IntakeResult.Accepted) intake.read(content);
        return gate.check(image.image(), image.colourfulness());
    }

    private static List<String[]> manifest(Path folder) throws IOException {
        List<String> lines = Files.readAllLines(folder.resolve("manifest.csv"), StandardCharsets.UTF_8);
        return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
    }
}
