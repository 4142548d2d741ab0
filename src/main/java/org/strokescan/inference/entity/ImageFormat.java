package org.strokescan.inference.entity;

/** Formats recognised by their first bytes; PNG, JPEG and (uncompressed) DICOM are accepted. */
public enum ImageFormat {
    PNG("PNG", true),
    JPEG("JPEG", true),
    GIF("GIF", false),
    BMP("BMP", false),
    TIFF("TIFF", false),
    WEBP("WebP", false),
    DICOM("DICOM", true),
    PDF("PDF", false),
    ZIP("ZIP archive", false),
    UNKNOWN("unknown", false);

    private final String displayName;
    private final boolean accepted;

    ImageFormat(String displayName, boolean accepted) {
        this.displayName = displayName;
        this.accepted = accepted;
    }

    public String displayName() { return displayName; }
    public boolean accepted() { return accepted; }
}
