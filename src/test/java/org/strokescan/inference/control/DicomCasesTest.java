package org.strokescan.inference.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.strokescan.inference.entity.DicomHeader;
import org.strokescan.inference.entity.DicomRead;
import org.strokescan.inference.entity.GateVerdict;
import org.strokescan.inference.entity.IntakeResult;
import org.strokescan.inference.entity.IntakeResult.Reason;
import org.strokescan.testing.SharedData;

/**
 * DICOM files made at run time from the real head-CT sample by {@code src/test/python/dicom_cases.py} (Debian
 * python3-pydicom): other transfer syntaxes, headers the DICOM gate refuses or lets through, broken pixel data.
 */
class DicomCasesTest {

    private static final ImageIntake INTAKE = new ImageIntake(25L << 20, 40_000_000);
    private static final DicomGate GATE = DicomGate.shipped();

    @TempDir
    static Path cases;

    @BeforeAll
    static void generate() throws Exception {
        Path sample = SharedData.require("dicom-samples").resolve("dicom-samples/ct_head_barre_CT-MONO2-16-brain.dcm");
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Process check = new ProcessBuilder(python, "-c", "import pydicom, numpy").redirectErrorStream(true).start();
        if (check.waitFor() != 0) {
            fail("needs pydicom and numpy for " + python + ": install the Debian packages python3-pydicom and"
                    + " python3-numpy (" + new String(check.getInputStream().readAllBytes()).strip() + ")");
        }
        Process run = new ProcessBuilder(python, "src/test/python/dicom_cases.py", sample.toString(), cases.toString())
                .redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes());
        assertEquals(0, run.waitFor(), "dicom_cases.py failed: " + output);
    }

    private static byte[] file(String name) throws IOException {
        return Files.readAllBytes(cases.resolve(name));
    }

    private static DicomHeader header(String name) throws IOException {
        return assertInstanceOf(DicomRead.Header.class, INTAKE.readDicomHeader(file(name)), name).header();
    }

    private static float[] hounsfield(String name) throws Exception {
        return DicomFile.open(file(name), 40_000_000).hounsfield();
    }

    @Test
    void implicitLittleEndianGivesTheSameHeaderAndUnitsAsExplicit() throws Exception {
        DicomHeader implicit = header("implicit.dcm");
        DicomHeader explicit = header("explicit.dcm");
        assertEquals("1.2.840.10008.1.2", implicit.transferSyntaxUid());
        assertEquals(explicit.studyDateTime(), implicit.studyDateTime());
        assertEquals(explicit.protocolName(), implicit.protocolName());
        assertEquals(explicit.imageType(), implicit.imageType());
        assertArrayEquals(explicit.imagePositionPatient(), implicit.imagePositionPatient());
        assertArrayEquals(hounsfield("explicit.dcm"), hounsfield("implicit.dcm"));
    }

    @Test
    void bigEndianIsRefusedNamingItsTransferSyntax() throws IOException {
        IntakeResult.Rejected rejected = assertInstanceOf(IntakeResult.Rejected.class, INTAKE.read(file("bigendian.dcm")));
        assertEquals(Reason.UNSUPPORTED_TRANSFER_SYNTAX, rejected.reason());
        assertTrue(rejected.message().startsWith("DICOM transfer syntax Explicit VR Big Endian (1.2.840.10008.1.2.2)"
                + " is not supported"), rejected.message());
    }

    @ParameterizedTest
    @CsvSource({
        "mr.dcm, NOT_CT, modality MR (magnetic resonance)",
        "chest.dcm, NOT_HEAD, Body Part Examined says \"CHEST\"",
        // the sample's character set is Latin-1, which ImageJ decodes as UTF-8: the ä is lost, the words still count
        "german_spine.dcm, NOT_HEAD, Study Description says \"Wirbels",
        "localizer.dcm, LOCALIZER, a localizer (scout) image",
        "derived.dcm, DERIVED, a derived/secondary image",
        "secondary_capture.dcm, DERIVED, a secondary capture (SOP class 1.2.840.10008.5.1.4.1.1.7)"})
    void theDicomGateRefusesWithTheReason(String name, GateVerdict.Reason reason, String said) throws IOException {
        GateVerdict verdict = GATE.check(header(name));
        assertEquals(reason, verdict.reason(), verdict.message());
        assertTrue(verdict.message().contains(said), verdict.message());
    }

    @ParameterizedTest
    @CsvSource({"explicit.dcm", "german_head.dcm", "german_head_latin1.dcm", "head_neck.dcm", "anonymised.dcm",
        "no_modality.dcm", "no_preamble.dcm"})
    void theDicomGateLetsThrough(String name) throws IOException {
        GateVerdict verdict = GATE.check(header(name));
        assertTrue(verdict.accepted(), name + ": " + verdict.message());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "truncated.dcm | TRUNCATED | The DICOM file is cut short: its pixel data needs 524,288 bytes, 523,288 are there",
        "wrong_length.dcm | TRUNCATED | its header (513 rows × 512 columns × 16 bits, 1 frame) needs 525,312",
        "multiframe.dcm | UNSUPPORTED_PIXEL_FORMAT | holds 2 frames",
        "colour.dcm | UNSUPPORTED_PIXEL_FORMAT | in colour (3 samples per pixel, RGB)",
        "huge.dcm | TOO_MANY_PIXELS | 65535 × 65535 pixels"})
    void brokenOrUnsupportedPixelsAreRefusedBeforeDecoding(String name, Reason reason, String said) throws IOException {
        DicomRead.Refused refused = assertInstanceOf(DicomRead.Refused.class, INTAKE.readDicomHeader(file(name)));
        assertEquals(reason, refused.reason(), refused.message());
        assertTrue(refused.message().contains(said), refused.message());
        assertEquals(reason, ((IntakeResult.Rejected) INTAKE.read(file(name))).reason());
        assertEquals(0, INTAKE.declaredPixels(file(name)));
    }

    @Test
    void aMinimalAnonymisedExportIsReadWithItsOddUids() throws Exception {
        DicomHeader header = header("anonymised.dcm");
        assertNull(header.sopClassUid());
        assertNull(header.bodyPartExamined());
        assertNull(header.studyDateTime());
        assertEquals("ID_1b5ac170c", header.sopInstanceUid());
        assertEquals("ID_2c6bd281d", header.studyInstanceUid());
        assertEquals("ID_3d7ce392e", header.seriesInstanceUid());
        assertEquals(50.0, header.positionAlongNormal().orElseThrow(), 1e-9);
        // 12 bits stored, unsigned, intercept -1024: the same units as the signed original (clipped to 0-4095)
        float[] original = hounsfield("explicit.dcm");
        float[] anonymised = hounsfield("anonymised.dcm");
        for (int i = 0; i < original.length; i++) {
            float expected = Math.clamp(original[i], -1000, 3071); // below -1024 both become air
            assertEquals(expected, Math.clamp(anonymised[i], -1000, 3071), 0.5, "pixel " + i);
        }
        assertTrue(INTAKE.isDicom(file("no_preamble.dcm")), "a file without the preamble but with file meta is DICOM");
        assertArrayEquals(anonymised, hounsfield("no_preamble.dcm"));
    }

    @Test
    void slopeAndPaddingValueAreApplied() throws Exception {
        float[] original = hounsfield("explicit.dcm");
        float[] scaled = hounsfield("slope_padding.dcm");
        assertEquals(-1000, scaled[0], "a padding pixel is air");
        assertEquals(-1000, scaled[15 * 512 + 15], "a padding pixel is air");
        int centre = 256 * 512 + 256;
        assertEquals(original[centre], scaled[centre], 2.0, "stored × 2 − 1024 is the original within the rounding");
    }
}
