package org.strokescan.inference.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.strokescan.inference.control.ImageClassifier;
import org.strokescan.inference.control.ImageIntake;
import org.strokescan.inference.entity.DicomHeader;
import org.strokescan.inference.entity.DicomRead;
import org.strokescan.inference.entity.DicomWindow;
import org.strokescan.inference.entity.GateVerdict;
import org.strokescan.inference.entity.GrayImage;

/**
 * DICOM files for the components that receive and show them: the header a receiver groups studies by, and a PNG of
 * the slice for viewers. Reading the header decodes no pixel and does not judge the slice (whether it is a head-CT
 * slice is the classification's question, through the DICOM gate and the input gate).
 */
@ApplicationScoped
public class DicomFiles {

    @Inject
    @ConfigProperty(name = "strokescan.upload.max-bytes")
    long maxBytes;

    @Inject
    @ConfigProperty(name = "strokescan.upload.max-pixels")
    long maxPixels;

    @Inject
    Models models;

    /**
     * The header of one DICOM Part 10 file, or why it is refused: not DICOM, empty, too large, too many pixels,
     * an unsupported transfer syntax or pixel format, pixel data cut short or of another length than the header says.
     */
    public DicomRead read(byte[] content) {
        return intake().readDicomHeader(content);
    }

    /**
     * The DICOM gate on a header (modality, body part, localizer, derived): a receiver answers its sender with it per
     * instance before storing anything; classification applies the same gate again.
     */
    public Optional<DicomRead.Refused> gate(DicomHeader header) {
        GateVerdict verdict = models.dicomGate().check(header);
        return verdict.accepted() ? Optional.empty() : Optional.of(new DicomRead.Refused(verdict.reason(),
                verdict.message()));
    }

    /**
     * The slice as an 8-bit grey PNG through the active model's DICOM window (the default window while no model is
     * ready); empty for a file {@link #read} refuses.
     */
    public Optional<byte[]> displayPng(byte[] content) {
        DicomWindow window = models.classifier().map(ImageClassifier::dicomWindow).orElse(DicomWindow.DEFAULT);
        return intake().dicomImage(content, window).map(DicomFiles::png);
    }

    private ImageIntake intake() {
        return new ImageIntake(maxBytes, maxPixels);
    }

    static byte[] png(GrayImage image) {
        BufferedImage gray = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = gray.getRaster();
        float[] pixels = image.pixels();
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                raster.setSample(x, y, 0, Math.round(pixels[y * image.width() + x] * 255));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // in memory: ImageIO.write to a plain stream goes through a temporary file (a patient's image on disk)
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
            if (!ImageIO.write(gray, "png", stream)) {
                throw new IllegalStateException("this JVM has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
