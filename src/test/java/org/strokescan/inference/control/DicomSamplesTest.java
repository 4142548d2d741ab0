package org.strokescan.inference.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.strokescan.inference.entity.DicomHeader;
import org.strokescan.inference.entity.DicomRead;
import org.strokescan.inference.entity.DicomWindow;
import org.strokescan.inference.entity.GateVerdict;
import org.strokescan.inference.entity.ImageFormat;
import org.strokescan.inference.entity.IntakeResult;
import org.strokescan.testing.SharedData;

/** The two real DICOM samples in {@code shared/data/dicom-samples}: a head-CT slice read, a JPEG-lossless chest refused. */
class DicomSamplesTest {

    static final ImageIntake INTAKE = new ImageIntake(25L << 20, 40_000_000);

    static byte[] sample(String name) throws IOException {
        return Files.readAllBytes(SharedData.require("dicom-samples").resolve("dicom-samples").resolve(name));
    }

    @Test
    void theRealHeadSliceIsReadInHounsfieldUnits() throws Exception {
        byte[] content = sample("ct_head_barre_CT-MONO2-16-brain.dcm");
        DicomHeader header = ((DicomRead.Header) INTAKE.readDicomHeader(content)).header();
        assertEquals("1.2.840.10008.1.2.1", header.transferSyntaxUid());
        assertEquals("CT", header.modality());
        assertEquals(512, header.rows());
        assertEquals(512, header.columns());
        assertEquals("ADULT BRAIN/U", header.protocolName());
        assertEquals(java.util.List.of("ORIGINAL", "PRIMARY", "AXIAL"), header.imageType());
        assertEquals(java.time.LocalDateTime.of(1999, 5, 5, 10, 52, 34, 530_000_000), header.studyDateTime());
        assertEquals(-280.0, header.positionAlongNormal().orElseThrow(), 1e-6);
        assertEquals(512L * 512, INTAKE.declaredPixels(content));
        assertTrue(DicomGate.shipped().check(header).accepted());

        float[] hu = DicomFile.open(content, 40_000_000).hounsfield();
        float[] sorted = hu.clone();
        Arrays.sort(sorted);
        assertEquals(-1000, sorted[sorted.length / 10], 30, "the air around the head");
        // the brain: the middle of the image, inside the skull
        float[] centre = new float[64 * 64];
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                centre[y * 64 + x] = hu[(224 + y) * 512 + 224 + x];
            }
        }
        Arrays.sort(centre);
        float median = centre[centre.length / 2];
        assertTrue(median > 20 && median < 45, "brain tissue has 20-45 HU, the centre's median is " + median);

        IntakeResult.Accepted accepted = assertInstanceOf(IntakeResult.Accepted.class,
                INTAKE.read(content, DicomWindow.DEFAULT));
        assertEquals(ImageFormat.DICOM, accepted.format());
        assertEquals(0, accepted.image().at(5, 5), "air is black");
        float brain = accepted.image().at(256, 256);
        assertTrue(brain > 0.2 && brain < 0.8, "brain is mid-grey at 40/80, got " + brain);
    }

    @Test
    void theJpegLosslessChestIsRefusedNamingItsTransferSyntax() throws Exception {
        byte[] content = sample("ct_chest_jpeg_barre_CT-MONO2-16-chest.dcm");
        IntakeResult.Rejected rejected = assertInstanceOf(IntakeResult.Rejected.class, INTAKE.read(content));
        assertEquals(IntakeResult.Reason.UNSUPPORTED_TRANSFER_SYNTAX, rejected.reason());
        assertEquals("DICOM transfer syntax JPEG Lossless (1.2.840.10008.1.2.4.70) is not supported; send uncompressed"
                + " (Explicit or Implicit VR Little Endian).", rejected.message());
        DicomRead.Refused refused = assertInstanceOf(DicomRead.Refused.class, INTAKE.readDicomHeader(content));
        assertEquals(IntakeResult.Reason.UNSUPPORTED_TRANSFER_SYNTAX, refused.reason());
        assertEquals(0, INTAKE.declaredPixels(content));
    }

    @Test
    void theGateRefusesTheChestHeaderForItsLocalizerImageType() {
        DicomHeader chest = new DicomHeader("1.2.840.10008.1.2.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.3", "1.2", "1.2.4",
                "CT", null, null, null, null, null, null, null, "CHEST", "CT CHEST/PLAN", null, null,
                java.util.List.of("ORIGINAL", "PRIMARY", "LOCALIZER"), 1, null, null, null, 512, 512);
        GateVerdict verdict = DicomGate.shipped().check(chest);
        assertEquals(GateVerdict.Reason.LOCALIZER, verdict.reason());
    }
}
