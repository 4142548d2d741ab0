package org.strokescan.inference.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokescan.inference.entity.Classification;
import org.strokescan.inference.entity.Explanation;
import org.strokescan.inference.entity.ImageFormat;
import org.strokescan.training.TestModels;

/** DICOM bytes end to end: intake, DICOM gate, Hounsfield units, window, input gate, model. */
class DicomClassificationTest {

    @TempDir
    Path work;

    @Test
    void theRealHeadSliceIsClassifiedAsDicom() throws Exception {
        byte[] head = DicomSamplesTest.sample("ct_head_barre_CT-MONO2-16-brain.dcm");
        try (StrokeModel model = StrokeModel.load(TestModels.export(work.resolve("m"), 3L), 1)) {
            ImageClassifier classifier = new ImageClassifier(DicomSamplesTest.INTAKE, model);
            Classification result = classifier.classify(head);
            Classification.Classified classified = assertInstanceOf(Classification.Classified.class, result,
                    result.toString());
            assertEquals(ImageFormat.DICOM, classified.format());
            assertEquals(512, classified.width());
            Explanation explanation = classifier.explain(head);
            assertTrue(explanation.png().isPresent(), explanation.toString());

            byte[] chest = DicomSamplesTest.sample("ct_chest_jpeg_barre_CT-MONO2-16-chest.dcm");
            Classification.Refused refused = assertInstanceOf(Classification.Refused.class, classifier.classify(chest));
            assertEquals(Classification.Stage.INTAKE, refused.stage());
        }
    }
}
