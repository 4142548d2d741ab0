package org.strokescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokescan.testing.SharedData;

/** PACS exports name their files {@code IM000001}: triage and predict find DICOM slices by content. */
class DicomFolderScanTest {

    @TempDir
    Path study;

    @Test
    void dicomFilesWithoutAnExtensionAreFoundByTheirContent() throws Exception {
        Path sample = SharedData.require("dicom-samples").resolve("dicom-samples/ct_head_barre_CT-MONO2-16-brain.dcm");
        Files.copy(sample, study.resolve("IM000010"));
        Files.copy(sample, study.resolve("IM000002"));
        Files.writeString(study.resolve("DICOMDIR.txt"), "an index, not a slice");
        Files.writeString(study.resolve("IM000003"), "not an image and not named like one");
        assertEquals(List.of(study.resolve("IM000002"), study.resolve("IM000010")), TriageCommand.slices(study));
    }
}
