package org.strokescan.inference.control;

import ij.io.FileInfo;
import ij.plugin.DICOM;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.strokescan.inference.entity.DicomHeader;
import org.strokescan.inference.entity.DicomWindow;
import org.strokescan.inference.entity.GrayImage;
import org.strokescan.inference.entity.IntakeResult.Reason;

/**
 * One DICOM Part 10 file read with ImageJ ({@code net.imagej:ij}): its header through ImageJ's DICOM decoder (the
 * tag text ImageJ makes of it), its pixels through ImageJ's raw {@link ij.io.ImageReader}, then Hounsfield units and a
 * window here. ImageJ is used without its preferences, macros or windows: the header is read with
 * {@link DICOM#getInfo}, which only decodes tags, and the pixels with a {@link FileInfo} built from that header, so
 * none of ImageJ's global settings (Prefs.openDicomsAsFloat, ignoreRescaleSlope, ...) decides a pixel. ImageJ keeps
 * the last file name it opened in a static field; it is always {@link #NAME}, never a patient's.
 */
public final class DicomFile {

    /** The only transfer syntaxes whose pixels ImageJ decodes as they are. */
    static final Map<String, String> SUPPORTED = Map.of(
            "1.2.840.10008.1.2.1", "Explicit VR Little Endian",
            "1.2.840.10008.1.2", "Implicit VR Little Endian");

    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian"),
            Map.entry("1.2.840.10008.1.2.2", "Explicit VR Big Endian"),
            Map.entry("1.2.840.10008.1.2.4.50", "JPEG Baseline"),
            Map.entry("1.2.840.10008.1.2.4.51", "JPEG Extended"),
            Map.entry("1.2.840.10008.1.2.4.57", "JPEG Lossless"),
            Map.entry("1.2.840.10008.1.2.4.70", "JPEG Lossless"),
            Map.entry("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"),
            Map.entry("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless"),
            Map.entry("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless"),
            Map.entry("1.2.840.10008.1.2.4.91", "JPEG 2000"),
            Map.entry("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Lossless"),
            Map.entry("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000"),
            Map.entry("1.2.840.10008.1.2.5", "RLE Lossless"),
            Map.entry("1.2.840.10008.1.2.4.100", "MPEG2"),
            Map.entry("1.2.840.10008.1.2.4.102", "MPEG-4"),
            Map.entry("1.2.840.10008.1.2.4.201.1", "High-Throughput JPEG 2000"));

    /**
     * One header read at a time. ImageJ allocates a text element's declared length before reading it, so a damaged
     * header of a few hundred bytes can ask for up to 2 GiB (FuzzIT's "DICOM preamble + random bytes" asked for
     * 437 MB); one such array at a time is what the heap is sized for, and a header read takes milliseconds.
     */
    private static final Semaphore HEADER_READS = new Semaphore(1);

    /** The file name ImageJ is given (it wants one); stored by ImageJ in a static field, so never the real one. */
    static final String NAME = "upload.dcm";

    /** Hounsfield units at or below which a pixel of signed data is padding or air outside the scan field. */
    static final double BELOW_AIR = -1024;

    /** Air in Hounsfield units: what padding pixels become. */
    static final double AIR = -1000;

    /** A file that cannot be taken: the intake's reason and a message for the uploader. */
    static final class Refusal extends Exception {
        final Reason reason;

        Refusal(Reason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    /** How the pixels lie in the file, from its header. */
    record Layout(int rows, int columns, int bitsAllocated, int bitsStored, boolean signed, double slope,
                  double intercept, Integer paddingValue, int pixelOffset, long pixelLength) {
    }

    private final byte[] content;
    private final DicomHeader header;
    private final Layout layout;

    private DicomFile(byte[] content, DicomHeader header, Layout layout) {
        this.content = content;
        this.header = header;
        this.layout = layout;
    }

    public DicomHeader header() {
        return header;
    }

    /**
     * Reads the header (no pixel is decoded) and checks what can be checked from it: a supported transfer syntax,
     * one grey frame of 8 or 16 bits, at most {@code maxPixels}, and pixel data of the length the header promises.
     */
    static DicomFile open(byte[] content, long maxPixels) throws Refusal {
        String info;
        HEADER_READS.acquireUninterruptibly();
        try {
            info = new DICOM(new Guarded(content)).getInfo(NAME);
        } catch (CutShort e) {
            throw new Refusal(Reason.TRUNCATED, "The DICOM file is cut short inside its header.");
        } catch (RuntimeException e) {
            // ImageJ reports what it cannot follow with runtime exceptions too (a negative length, say)
            throw new Refusal(Reason.CORRUPT, "The DICOM file's header cannot be read (" + e + ").");
        } catch (OutOfMemoryError e) {
            // the one array ImageJ asked for, of a length the file declares, did not fit; nothing else was taken
            throw new Refusal(Reason.CORRUPT, String.format(Locale.ROOT, "The DICOM header declares an element"
                    + " far longer than the whole file (%,d bytes); it is damaged.", content.length));
        } finally {
            HEADER_READS.release();
        }
        Map<String, String> tags = topLevelTags(info);
        String transferSyntax = tags.get("0002,0010");
        if (transferSyntax == null) {
            throw new Refusal(Reason.CORRUPT, "The DICOM file has no readable file meta information"
                    + " (no Transfer Syntax UID); it is damaged or not a DICOM Part 10 file.");
        }
        if (!SUPPORTED.containsKey(transferSyntax)) {
            throw new Refusal(Reason.UNSUPPORTED_TRANSFER_SYNTAX, "DICOM transfer syntax "
                    + KNOWN.getOrDefault(transferSyntax, "unknown") + " (" + transferSyntax + ") is not supported;"
                    + " send uncompressed (Explicit or Implicit VR Little Endian).");
        }
        int rows = integer(tags, "0028,0010", 0);
        int columns = integer(tags, "0028,0011", 0);
        String pixelOffset = tags.get("7FE0,0010");
        if (pixelOffset == null || rows <= 0 || columns <= 0) {
            throw new Refusal(Reason.TRUNCATED, "The DICOM file holds no image: "
                    + (pixelOffset == null ? "no pixel data was found (the file may be cut short)"
                    : "its header gives no rows and columns") + ".");
        }
        if ((long) rows * columns > maxPixels) {
            throw new Refusal(Reason.TOO_MANY_PIXELS, String.format(Locale.ROOT,
                    "The image has %d × %d pixels (%.1f MP); the limit is %.1f MP.", columns, rows,
                    (long) rows * columns / 1e6, maxPixels / 1e6));
        }
        int samples = integer(tags, "0028,0002", 1);
        String photometric = tags.getOrDefault("0028,0004", "MONOCHROME2");
        if (samples != 1 || !photometric.startsWith("MONOCHROME")) {
            throw new Refusal(Reason.UNSUPPORTED_PIXEL_FORMAT, "This DICOM image is in colour (" + samples
                    + " samples per pixel, " + photometric + "); head-CT slices are greyscale.");
        }
        int frames = integer(tags, "0028,0008", 1);
        if (frames != 1) {
            throw new Refusal(Reason.UNSUPPORTED_PIXEL_FORMAT, "This DICOM file holds " + frames
                    + " frames; send each slice as a file of its own (one frame per file).");
        }
        int bitsAllocated = integer(tags, "0028,0100", 0);
        if (bitsAllocated != 8 && bitsAllocated != 16) {
            throw new Refusal(Reason.UNSUPPORTED_PIXEL_FORMAT, "DICOM images of " + bitsAllocated
                    + " bits allocated per pixel are not supported; CT slices have 16 (or 8).");
        }
        int bitsStored = integer(tags, "0028,0101", bitsAllocated);
        if (bitsStored < 1 || bitsStored > bitsAllocated) {
            throw new Refusal(Reason.CORRUPT, "The DICOM header is inconsistent: " + bitsStored
                    + " bits stored in " + bitsAllocated + " bits allocated.");
        }
        int offset = Integer.parseInt(pixelOffset.strip());
        long expected = (long) rows * columns * (bitsAllocated / 8);
        long declared = pixelDataLength(content, offset);
        if (declared == 0xFFFFFFFFL) {
            // an uncompressed transfer syntax with encapsulated (fragmented) pixel data contradicts itself
            throw new Refusal(Reason.TRUNCATED, "The DICOM pixel data is encapsulated although the transfer"
                    + " syntax says uncompressed; the file is inconsistent.");
        }
        if (declared != expected && declared != expected + (expected & 1)) {
            throw new Refusal(Reason.TRUNCATED, String.format(Locale.ROOT, "The DICOM pixel data has %,d bytes;"
                    + " its header (%d rows × %d columns × %d bits, 1 frame) needs %,d. The file is inconsistent.",
                    declared, rows, columns, bitsAllocated, expected));
        }
        if (offset + expected > content.length) {
            throw new Refusal(Reason.TRUNCATED, String.format(Locale.ROOT, "The DICOM file is cut short: its"
                    + " pixel data needs %,d bytes, %,d are there.", expected, content.length - (long) offset));
        }
        boolean signed = integer(tags, "0028,0103", 0) == 1;
        Integer padding = tags.containsKey("0028,0120") ? integer(tags, "0028,0120", 0) : null;
        if (padding != null && signed && bitsAllocated == 16 && padding > Short.MAX_VALUE) {
            padding -= 1 << 16; // ImageJ reads a signed padding value as unsigned where the VR is not explicit
        }
        Layout layout = new Layout(rows, columns, bitsAllocated, bitsStored, signed,
                decimal(tags, "0028,1053", 1.0), decimal(tags, "0028,1052", 0.0), padding, offset, expected);
        if (!(layout.slope() != 0 && Double.isFinite(layout.slope()) && Double.isFinite(layout.intercept()))) {
            throw new Refusal(Reason.CORRUPT, "The DICOM rescale slope " + layout.slope() + " and intercept "
                    + layout.intercept() + " give no Hounsfield units.");
        }
        return new DicomFile(content, header(tags, rows, columns), layout);
    }

    /** The declared length of the Pixel Data element: the 32-bit value ImageJ's offset is preceded by. */
    private static long pixelDataLength(byte[] content, int offset) throws Refusal {
        if (offset < 4 || offset > content.length) {
            throw new Refusal(Reason.TRUNCATED, "The DICOM file is cut short at its pixel data.");
        }
        return (content[offset - 4] & 0xFFL) | (content[offset - 3] & 0xFFL) << 8 | (content[offset - 2] & 0xFFL) << 16
                | (content[offset - 1] & 0xFFL) << 24;
    }

    /** Every pixel in Hounsfield units; padding, and signed data below {@link #BELOW_AIR}, become air. */
    float[] hounsfield() {
        Layout l = layout;
        FileInfo info = new FileInfo();
        info.width = l.columns();
        info.height = l.rows();
        info.intelByteOrder = true;
        info.fileType = l.bitsAllocated() == 8 ? FileInfo.GRAY8
                : l.signed() ? FileInfo.GRAY16_SIGNED : FileInfo.GRAY16_UNSIGNED;
        Object raw = new ij.io.ImageReader(info).readPixels(
                new ByteArrayInputStream(content, l.pixelOffset(), (int) l.pixelLength()));
        if (raw == null) {
            throw new IllegalStateException("ImageJ read no pixels of a DICOM file whose length was checked");
        }
        int n = l.rows() * l.columns();
        float[] hu = new float[n];
        int unused = l.bitsAllocated() - l.bitsStored();
        for (int i = 0; i < n; i++) {
            int stored;
            if (raw instanceof byte[] bytes) {
                stored = bytes[i] & 0xFF;
            } else {
                int value = ((short[]) raw)[i] & 0xFFFF;
                // ImageJ adds 32768 to signed samples; high bits beyond Bits Stored are not part of the value
                stored = l.signed() ? ((short) (value - 32768) << (16 + unused)) >> (16 + unused)
                        : value & (0xFFFF >>> unused);
            }
            double units = stored * l.slope() + l.intercept();
            boolean padding = l.paddingValue() != null && stored == l.paddingValue();
            hu[i] = (float) (padding || (l.signed() && units < BELOW_AIR) ? AIR : units);
        }
        return hu;
    }

    /** The slice through {@code window}: intensities in [0, 1]. */
    GrayImage windowed(DicomWindow window) {
        float[] hu = hounsfield();
        float[] gray = new float[hu.length];
        for (int i = 0; i < hu.length; i++) {
            gray[i] = window.intensity(hu[i]);
        }
        return new GrayImage(layout.columns(), layout.rows(), gray);
    }

    int bitsStored() {
        return layout.bitsStored();
    }

    /** Tag ("0028,0010") to value of every tag outside sequences, first occurrence, trimmed; blank values left out. */
    static Map<String, String> topLevelTags(String info) {
        Map<String, String> tags = new HashMap<>();
        if (info == null) {
            return tags;
        }
        for (String line : info.split("\n")) {
            // ImageJ writes "gggg,eeee  Name: value", a '>' after the tag for elements inside sequences
            if (line.length() < 12 || line.charAt(4) != ',' || line.charAt(11) == '>') {
                continue;
            }
            int colon = line.indexOf(": ", 11);
            if (colon < 0) {
                continue;
            }
            String value = line.substring(colon + 2).strip();
            if (!value.isEmpty()) {
                tags.putIfAbsent(line.substring(0, 9).toUpperCase(Locale.ROOT), value);
            }
        }
        return tags;
    }

    private static DicomHeader header(Map<String, String> t, int rows, int columns) {
        String sopClass = t.containsKey("0008,0016") ? t.get("0008,0016") : t.get("0002,0002");
        String instance = t.containsKey("0008,0018") ? t.get("0008,0018") : t.get("0002,0003");
        String imageType = t.get("0008,0008");
        return new DicomHeader(t.get("0002,0010"), sopClass, instance, t.get("0020,000D"), t.get("0020,000E"),
                t.get("0008,0060"), t.get("0010,0020"), t.get("0010,0021"), t.get("0010,0010"), t.get("0008,0050"),
                dateTime(t.get("0008,0020"), t.get("0008,0030")), t.get("0008,0090"), t.get("0008,1050"),
                t.get("0018,0015"), t.get("0008,1030"), t.get("0008,103E"), t.get("0018,1030"),
                imageType == null ? List.of() : Arrays.stream(imageType.split("\\\\")).map(String::strip)
                        .map(s -> s.toUpperCase(Locale.ROOT)).toList(),
                t.containsKey("0020,0013") ? (Integer) integerOrNull(t.get("0020,0013")) : null,
                decimals(t.get("0020,0032"), 3), decimals(t.get("0020,0037"), 6), decimalOrNull(t.get("0018,0050")),
                rows, columns);
    }

    /** Study date (DA, or the old {@code yyyy.mm.dd}) with the study time (TM, or {@code hh:mm:ss}); null if none. */
    static LocalDateTime dateTime(String date, String time) {
        if (date == null) {
            return null;
        }
        String d = date.replace(".", "").replace("-", "");
        if (!d.matches("\\d{8}")) {
            return null;
        }
        try {
            LocalDate day = LocalDate.of(Integer.parseInt(d.substring(0, 4)), Integer.parseInt(d.substring(4, 6)),
                    Integer.parseInt(d.substring(6, 8)));
            LocalTime clock = LocalTime.MIDNIGHT;
            String tm = time == null ? "" : time.replace(":", "");
            if (tm.matches("\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,6})?)?)?")) {
                int hour = Integer.parseInt(tm.substring(0, 2));
                int minute = tm.length() >= 4 ? Integer.parseInt(tm.substring(2, 4)) : 0;
                int second = tm.length() >= 6 ? Math.min(59, Integer.parseInt(tm.substring(4, 6))) : 0;
                int nanos = tm.length() > 7 ? Integer.parseInt((tm.substring(7) + "000000").substring(0, 6)) * 1000 : 0;
                clock = LocalTime.of(hour, minute, second, nanos);
            }
            return LocalDateTime.of(day, clock);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return null; // an impossible date is no date
        }
    }

    private static int integer(Map<String, String> tags, String tag, int absent) throws Refusal {
        String value = tags.get(tag);
        if (value == null) {
            return absent;
        }
        Integer parsed = integerOrNull(value);
        if (parsed == null) {
            throw new Refusal(Reason.CORRUPT, "The DICOM tag (" + tag + ") holds \"" + value
                    + "\" where a number belongs.");
        }
        return parsed;
    }

    private static Integer integerOrNull(String value) {
        try {
            return Integer.valueOf(value.split("\\\\")[0].strip());
        } catch (NumberFormatException e) {
            try {
                double d = Double.parseDouble(value.split("\\\\")[0].strip());
                return d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE ? (int) d : null;
            } catch (NumberFormatException notEither) {
                return null;
            }
        }
    }

    private static double decimal(Map<String, String> tags, String tag, double absent) throws Refusal {
        String value = tags.get(tag);
        if (value == null) {
            return absent;
        }
        Double parsed = decimalOrNull(value);
        if (parsed == null) {
            throw new Refusal(Reason.CORRUPT, "The DICOM tag (" + tag + ") holds \"" + value
                    + "\" where a number belongs.");
        }
        return parsed;
    }

    private static Double decimalOrNull(String value) {
        if (value == null) {
            return null;
        }
        try {
            double parsed = Double.parseDouble(value.split("\\\\")[0].strip());
            return Double.isFinite(parsed) ? parsed : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Exactly {@code count} backslash-separated numbers, else null. */
    private static double[] decimals(String value, int count) {
        if (value == null) {
            return null;
        }
        String[] parts = value.split("\\\\");
        if (parts.length != count) {
            return null;
        }
        double[] numbers = new double[count];
        for (int i = 0; i < count; i++) {
            Double parsed = decimalOrNull(parts[i]);
            if (parsed == null) {
                return null;
            }
            numbers[i] = parsed;
        }
        return numbers;
    }

    /**
     * The file for ImageJ. A skip past the end fails here instead of returning 0: ImageJ skips an element's length in
     * a loop until it is done, which would never end on a cut-short file.
     */
    private static final class Guarded extends BufferedInputStream {
        Guarded(byte[] content) {
            super(new ByteArrayInputStream(content), 8192);
        }

        @Override
        public synchronized long skip(long n) throws IOException {
            long skipped = super.skip(n);
            if (n > 0 && skipped <= 0) {
                throw new CutShort();
            }
            return skipped;
        }
    }

    /** The end of the file inside an element: a runtime exception, as ImageJ lets those through. */
    private static final class CutShort extends RuntimeException {
        CutShort() {
            super("unexpected end of file", null, false, false);
        }
    }
}
