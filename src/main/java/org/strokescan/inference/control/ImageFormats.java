package org.strokescan.inference.control;

import java.nio.charset.StandardCharsets;
import org.strokescan.inference.entity.ImageFormat;

/** Recognises a file by its first bytes, never by its name or declared content type. */
final class ImageFormats {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private ImageFormats() {
    }

    static ImageFormat detect(byte[] content) {
        if (startsWith(content, 0, PNG)) {
            return ImageFormat.PNG;
        }
        if (startsWith(content, 0, JPEG)) {
            return ImageFormat.JPEG;
        }
        if (startsWith(content, 0, ascii("GIF87a")) || startsWith(content, 0, ascii("GIF89a"))) {
            return ImageFormat.GIF;
        }
        if (startsWith(content, 0, ascii("BM"))) {
            return ImageFormat.BMP;
        }
        if (startsWith(content, 0, new byte[] {'I', 'I', 42, 0}) || startsWith(content, 0, new byte[] {'M', 'M', 0, 42})) {
            return ImageFormat.TIFF;
        }
        if (startsWith(content, 0, ascii("RIFF")) && startsWith(content, 8, ascii("WEBP"))) {
            return ImageFormat.WEBP;
        }
        if (startsWith(content, 128, ascii("DICM")) || startsWithFileMetaGroup(content)) {
            return ImageFormat.DICOM;
        }
        if (startsWith(content, 0, ascii("%PDF"))) {
            return ImageFormat.PDF;
        }
        if (startsWith(content, 0, new byte[] {'P', 'K', 3, 4})) {
            return ImageFormat.ZIP;
        }
        return ImageFormat.UNKNOWN;
    }

    /**
     * A DICOM file written without the 128-byte preamble and "DICM" (some exporters do): it starts with an element of
     * the file meta group (0002,xxxx) in explicit VR. ImageJ reads such files; anything else without "DICM" is not
     * taken for DICOM.
     */
    private static boolean startsWithFileMetaGroup(byte[] content) {
        return startsWith(content, 0, new byte[] {2, 0}) && content.length > 6 && content[3] == 0
                && (startsWith(content, 4, ascii("UL")) || startsWith(content, 4, ascii("OB"))
                || startsWith(content, 4, ascii("UI")));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] content, int offset, byte[] prefix) {
        if (content.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
