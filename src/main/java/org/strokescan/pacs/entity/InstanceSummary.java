package org.strokescan.pacs.entity;

/**
 * What choosing and ordering a study's slices needs of one instance, without its pixels.
 *
 * @param position ImagePositionPatient along the slice normal (mm); null when the file has no geometry
 * @param axial    whether the slice is axial (or has no orientation to say otherwise)
 */
public record InstanceSummary(String sopInstanceUid, String seriesInstanceUid, Integer instanceNumber, Double position,
                              Double sliceThickness, boolean axial, int rows, int columns) {
}
