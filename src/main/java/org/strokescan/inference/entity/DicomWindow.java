package org.strokescan.inference.entity;

/**
 * The window through which a model sees a DICOM slice: Hounsfield units from {@code centre − width/2} (black) to
 * {@code centre + width/2} (white), linear between. It stands for the window the model's training images were
 * exported with, since the model never saw Hounsfield units.
 *
 * @param how how the window was chosen (prose, not part of any checksum)
 */
public record DicomWindow(double centre, double width, String how) {

    /**
     * For cards without a window: 40/70 HU, the brain window whose central-brain intensities matched the training PNGs
     * of the bundled models best (see {@code WindowMatch} in the tests and the 2.0.0 card's {@code dicomWindow.how}).
     */
    public static final DicomWindow DEFAULT = new DicomWindow(40, 70,
            "default for cards without a dicomWindow: the brain window of the bundled models' training images");

    public DicomWindow {
        if (!Double.isFinite(centre) || !(width >= 1 && width <= 5000)) {
            throw new IllegalArgumentException("a DICOM window needs a finite centre and a width of 1-5000 HU, got "
                    + centre + "/" + width);
        }
    }

    /** The intensity in [0, 1] of {@code hu}. */
    public float intensity(double hu) {
        double low = centre - width / 2;
        return (float) Math.clamp((hu - low) / width, 0.0, 1.0);
    }

    /** Whether this window maps Hounsfield units as {@code other} does (the prose aside). */
    public boolean sameMapping(DicomWindow other) {
        return other != null && Double.compare(centre, other.centre) == 0 && Double.compare(width, other.width) == 0;
    }
}
