package org.strokescan.inference.control;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.strokescan.inference.entity.DicomRead;
import org.strokescan.inference.entity.DicomWindow;
import org.strokescan.inference.entity.GrayImage;
import org.strokescan.inference.entity.ImageFormat;
import org.strokescan.inference.entity.IntakeResult;
import org.strokescan.inference.entity.IntakeResult.Accepted;
import org.strokescan.inference.entity.IntakeResult.Reason;
import org.strokescan.inference.entity.IntakeResult.Rejected;
import org.strokescan.platform.ShippedConfiguration;

/**
 * Turns an uploaded file into a {@link GrayImage}, or says precisely why it cannot. The type is taken from the
 * content; size and pixel count are checked before any pixel is decoded, so a small file that claims to be
 * huge (a decompression bomb) costs nothing. No exception escapes: a file that breaks the decoder is rejected
 * as damaged.
 */
public final class ImageIntake {

    private final long maxBytes;
    private final long maxPixels;

    public ImageIntake(long maxBytes, long maxPixels) {
        if (maxBytes <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxBytes = maxBytes;
        this.maxPixels = maxPixels;
    }

    /** With the limits the server ships ({@code strokescan.upload.max-bytes}, {@code strokescan.upload.max-pixels}). */
    public ImageIntake() {
        this(ShippedConfiguration.longValue("strokescan.upload.max-bytes"),
                ShippedConfiguration.longValue("strokescan.upload.max-pixels"));
    }

    /** The file as an image; a DICOM slice through the default window ({@link DicomWindow#DEFAULT}). */
    public IntakeResult read(byte[] content) {
        return read(content, DicomWindow.DEFAULT);
    }

    /** The file as an image; a DICOM slice in Hounsfield units through {@code dicomWindow}. */
    public IntakeResult read(byte[] content, DicomWindow dicomWindow) {
        Optional<Rejected> unreadable = checkSize(content);
        if (unreadable.isPresent()) {
            return unreadable.get();
        }
        ImageFormat format = ImageFormats.detect(content);
        if (!format.accepted()) {
            return new Rejected(Reason.UNSUPPORTED_TYPE, unsupported(format));
        }
        if (format == ImageFormat.DICOM) {
            try {
                DicomFile file = DicomFile.open(content, maxPixels);
                return new Accepted(format, file.bitsStored(), file.windowed(dicomWindow), 0);
            } catch (DicomFile.Refusal refusal) {
                return new Rejected(refusal.reason, refusal.getMessage());
            } catch (RuntimeException e) {
                return new Rejected(Reason.CORRUPT, "The DICOM file is damaged and cannot be read" + detail(e));
            }
        }
        try {
            return decode(format, content);
        } catch (IOException | RuntimeException e) {
            // ImageIO reports damaged files with IOExceptions and, for some, runtime exceptions
            return new Rejected(Reason.CORRUPT, "The " + format.displayName() + " file is damaged and cannot be read"
                    + detail(e));
        }
    }

    /** Bytes {@link #formatOf} needs from the start of a file. */
    public static final int SIGNATURE_BYTES = 132;

    /** A file's format by its first {@link #SIGNATURE_BYTES} bytes (or all of a shorter file), never by its name. */
    public static ImageFormat formatOf(byte[] firstBytes) {
        return ImageFormats.detect(firstBytes);
    }

    /** Whether the content is a DICOM file (by its bytes); says nothing about whether it can be read. */
    public boolean isDicom(byte[] content) {
        return content != null && ImageFormats.detect(content) == ImageFormat.DICOM;
    }

    /**
     * The header of a DICOM file, without decoding a pixel, or why the file is refused: empty, too large, not DICOM,
     * unsupported transfer syntax or pixel format, too many pixels, pixel data cut short or of the wrong length.
     */
    public DicomRead readDicomHeader(byte[] content) {
        Optional<Rejected> unreadable = checkSize(content);
        if (unreadable.isPresent()) {
            return new DicomRead.Refused(unreadable.get().reason(), unreadable.get().message());
        }
        ImageFormat format = ImageFormats.detect(content);
        if (format != ImageFormat.DICOM) {
            return new DicomRead.Refused(Reason.UNSUPPORTED_TYPE, format == ImageFormat.UNKNOWN
                    ? "This is not a DICOM file (no \"DICM\" at byte 128, no file meta information at its start)."
                    : "This is a " + format.displayName() + " file, not DICOM.");
        }
        try {
            return new DicomRead.Header(DicomFile.open(content, maxPixels).header());
        } catch (DicomFile.Refusal refusal) {
            return new DicomRead.Refused(refusal.reason, refusal.getMessage());
        } catch (RuntimeException e) {
            return new DicomRead.Refused(Reason.CORRUPT, "The DICOM file is damaged and cannot be read" + detail(e));
        }
    }

    /** A DICOM file's pixels through {@code window}, or empty when {@link #read} would refuse the file. */
    public Optional<GrayImage> dicomImage(byte[] content, DicomWindow window) {
        if (!isDicom(content)) {
            return Optional.empty();
        }
        return read(content, window) instanceof Accepted accepted ? Optional.of(accepted.image()) : Optional.empty();
    }

    private Optional<Rejected> checkSize(byte[] content) {
        if (content == null || content.length == 0) {
            return Optional.of(new Rejected(Reason.EMPTY, "The file is empty."));
        }
        if (content.length > maxBytes) {
            String size = String.format(Locale.ROOT, "%.1f MB", megabytes(content.length));
            String limit = String.format(Locale.ROOT, "%.1f MB", megabytes(maxBytes));
            if (size.equals(limit)) { // just over the limit: "25.0 MB; the limit is 25.0 MB" would puzzle anyone
                size = String.format(Locale.ROOT, "%,d bytes", content.length);
                limit = String.format(Locale.ROOT, "%,d bytes (%s)", maxBytes, limit);
            }
            return Optional.of(new Rejected(Reason.TOO_LARGE, "The file has " + size + "; the limit is " + limit + "."));
        }
        return Optional.empty();
    }

    /**
     * Width × height as the file's header declares them, read without decoding a pixel; 0 for a file that
     * {@link #read} refuses before decoding (empty, too large, not PNG, JPEG or DICOM, unreadable header, too many
     * pixels). For DICOM, Rows × Columns of a header {@link #readDicomHeader} accepts.
     */
    public long declaredPixels(byte[] content) {
        if (content == null || content.length == 0 || content.length > maxBytes) {
            return 0;
        }
        ImageFormat format = ImageFormats.detect(content);
        if (!format.accepted()) {
            return 0;
        }
        if (format == ImageFormat.DICOM) {
            return readDicomHeader(content) instanceof DicomRead.Header h
                    ? (long) h.header().rows() * h.header().columns() : 0;
        }
        try {
            long pixels = withReader(format, content, reader -> (long) reader.getWidth(0) * reader.getHeight(0));
            return pixels <= maxPixels ? pixels : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    public long maxPixels() {
        return maxPixels;
    }

    private IntakeResult decode(ImageFormat format, byte[] content) throws IOException {
        return withReader(format, content, reader -> {
            long width = reader.getWidth(0);
            long height = reader.getHeight(0);
            if (width * height > maxPixels) {
                return new Rejected(Reason.TOO_MANY_PIXELS, String.format(Locale.ROOT,
                        "The image has %d × %d pixels (%.1f MP); the limit is %.1f MP.", width, height,
                        width * height / 1e6, maxPixels / 1e6));
            }
            if (format == ImageFormat.JPEG && isFourChannel(reader)) {
                // CMYK or YCCK: whether ink values are stored inverted depends on the writer, so the gray
                // levels would be a guess; older JDKs cannot decode these at all
                return new Rejected(Reason.UNSUPPORTED_TYPE, "CMYK (print colour) JPEG images are not supported;"
                        + " save the slice as a grayscale or RGB PNG or JPEG.");
            }
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage image = reader.read(0);
            if (!warnings.isEmpty()) {
                // the JPEG decoder fills a truncated image with grey and only warns: a silent partial image
                return new Rejected(Reason.CORRUPT, "The " + format.displayName()
                        + " file is incomplete or damaged (" + warnings.getFirst() + ").");
            }
            return new Accepted(format, image.getColorModel().getComponentSize(0), toGray(image), colourfulness(image));
        });
    }

    private interface ReaderWork<T> {
        T apply(ImageReader reader) throws IOException;
    }

    /**
     * Runs {@code work} with a reader on the file's header. In memory: ImageIO's own stream would copy every upload
     * into a temporary file first (slower, and a patient's image on disk, however briefly).
     */
    private static <T> T withReader(ImageFormat format, byte[] content, ReaderWork<T> work) throws IOException {
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
            ImageReader reader = readerFor(format);
            try {
                reader.setInput(input, false, true);
                return work.apply(reader);
            } finally {
                reader.dispose();
            }
        }
    }

    private static boolean isFourChannel(ImageReader reader) throws IOException {
        try {
            ImageTypeSpecifier raw = reader.getRawImageType(0);
            return raw == null || raw.getNumBands() == 4;
        } catch (IIOException unsupported) {
            return true; // JDKs without CMYK support fail here for exactly these files
        }
    }

    private static ImageReader readerFor(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format == ImageFormat.PNG ? "png" : "jpeg");
        if (!readers.hasNext()) {
            throw new IllegalStateException("this JVM has no " + format.displayName() + " decoder");
        }
        return readers.next();
    }

    /**
     * Gray images keep their full bit depth (8 or 16 bits, with alpha if present); colour images become ITU-R
     * BT.601 luminance at 8 bits per channel. Transparent pixels are composited over black, the background of CT.
     */
    public static GrayImage toGray(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] gray = new float[width * height];
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        if (model instanceof ComponentColorModel && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            double max = (1L << model.getComponentSize(0)) - 1;
            boolean alpha = model.hasAlpha();
            double alphaMax = alpha ? (1L << model.getComponentSize(1)) - 1 : 1;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double value = raster.getSample(x, y, 0) / max;
                    if (alpha) {
                        value *= raster.getSample(x, y, 1) / alphaMax;
                    }
                    gray[y * width + x] = (float) value;
                }
            }
        } else {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int argb = image.getRGB(x, y);
                    double luminance = 0.299 * ((argb >> 16) & 0xFF) + 0.587 * ((argb >> 8) & 0xFF) + 0.114 * (argb & 0xFF);
                    gray[y * width + x] = (float) (luminance / 255.0 * (((argb >>> 24) & 0xFF) / 255.0));
                }
            }
        }
        return new GrayImage(width, height, gray);
    }

    /** 0 for gray images; for colour ones the mean spread between the strongest and weakest channel. */
    static double colourfulness(BufferedImage image) {
        ColorModel model = image.getColorModel();
        if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            return 0;
        }
        long spread = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                spread += Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b));
            }
        }
        return spread / (255.0 * image.getWidth() * image.getHeight());
    }

    private static String unsupported(ImageFormat format) {
        return switch (format) {
            case UNKNOWN -> "This is not a PNG or JPEG image, nor DICOM (its content matches no image format).";
            default -> format.displayName() + " files are not supported; upload the slice as PNG, JPEG or DICOM.";
        };
    }

    private static String detail(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? "." : " (" + message.strip() + ").";
    }

    private static double megabytes(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
