package org.strokescan.inference.entity;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What the header of one DICOM slice says, as far as StrokeScan needs it: identity of the instance, series and study,
 * the patient and who ordered and performed the examination, what was examined, and where the slice lies. Read
 * without decoding a pixel. Absent strings are null (never blank); {@code imageType} is empty when absent.
 *
 * @param studyDateTime           Study Date with Study Time (midnight when the time is absent), or null
 * @param imagePositionPatient    x, y, z of the first voxel in mm (patient coordinates), or null
 * @param imageOrientationPatient direction cosines of the first row and the first column, or null
 */
public record DicomHeader(String transferSyntaxUid, String sopClassUid, String sopInstanceUid,
                          String studyInstanceUid, String seriesInstanceUid, String modality, String patientId,
                          String issuerOfPatientId, String patientName, String accessionNumber,
                          LocalDateTime studyDateTime, String referringPhysician, String performingPhysician,
                          String bodyPartExamined, String studyDescription, String seriesDescription,
                          String protocolName, List<String> imageType, Integer instanceNumber,
                          double[] imagePositionPatient, double[] imageOrientationPatient, Double sliceThickness,
                          int rows, int columns) {

    public DicomHeader {
        imageType = imageType == null ? List.of() : List.copyOf(imageType);
        if (imagePositionPatient != null && imagePositionPatient.length != 3) {
            throw new IllegalArgumentException("Image Position (Patient) has 3 values, got "
                    + imagePositionPatient.length);
        }
        if (imageOrientationPatient != null && imageOrientationPatient.length != 6) {
            throw new IllegalArgumentException("Image Orientation (Patient) has 6 values, got "
                    + imageOrientationPatient.length);
        }
        imagePositionPatient = imagePositionPatient == null ? null : imagePositionPatient.clone();
        imageOrientationPatient = imageOrientationPatient == null ? null : imageOrientationPatient.clone();
    }

    @Override
    public double[] imagePositionPatient() {
        return imagePositionPatient == null ? null : imagePositionPatient.clone();
    }

    @Override
    public double[] imageOrientationPatient() {
        return imageOrientationPatient == null ? null : imageOrientationPatient.clone();
    }

    /** How far from the z axis a slice's normal may point and the slice still count as axial. */
    public static final double MAX_AXIAL_TILT_DEGREES = 30;

    /**
     * Where the slice lies along the normal of its plane (the cross product of the row and column directions), in mm:
     * what orders the slices of a series, whatever way the patient lay. Empty when position or orientation is missing.
     */
    public OptionalDouble positionAlongNormal() {
        if (imagePositionPatient == null || imageOrientationPatient == null) {
            return OptionalDouble.empty();
        }
        double[] r = imageOrientationPatient;
        double nx = r[1] * r[5] - r[2] * r[4];
        double ny = r[2] * r[3] - r[0] * r[5];
        double nz = r[0] * r[4] - r[1] * r[3];
        double[] p = imagePositionPatient;
        return OptionalDouble.of(p[0] * nx + p[1] * ny + p[2] * nz);
    }

    /**
     * Whether the slice is axial: its normal within {@link #MAX_AXIAL_TILT_DEGREES} of the patient's z axis (gantry
     * tilt stays well inside); a file without orientation counts as axial, the image gate judges it.
     */
    public boolean axial() {
        if (imageOrientationPatient == null) {
            return true;
        }
        double[] r = imageOrientationPatient;
        double nx = r[1] * r[5] - r[2] * r[4];
        double ny = r[2] * r[3] - r[0] * r[5];
        double nz = r[0] * r[4] - r[1] * r[3];
        double length = Math.sqrt(nx * nx + ny * ny + nz * nz);
        return length > 0 && Math.abs(nz) / length >= Math.cos(Math.toRadians(MAX_AXIAL_TILT_DEGREES));
    }

    // arrays compare by content, so two reads of one file give equal headers
    @Override
    public boolean equals(Object other) {
        return other instanceof DicomHeader h && Objects.equals(transferSyntaxUid, h.transferSyntaxUid)
                && Objects.equals(sopClassUid, h.sopClassUid) && Objects.equals(sopInstanceUid, h.sopInstanceUid)
                && Objects.equals(studyInstanceUid, h.studyInstanceUid)
                && Objects.equals(seriesInstanceUid, h.seriesInstanceUid) && Objects.equals(modality, h.modality)
                && Objects.equals(patientId, h.patientId) && Objects.equals(issuerOfPatientId, h.issuerOfPatientId)
                && Objects.equals(patientName, h.patientName) && Objects.equals(accessionNumber, h.accessionNumber)
                && Objects.equals(studyDateTime, h.studyDateTime)
                && Objects.equals(referringPhysician, h.referringPhysician)
                && Objects.equals(performingPhysician, h.performingPhysician)
                && Objects.equals(bodyPartExamined, h.bodyPartExamined)
                && Objects.equals(studyDescription, h.studyDescription)
                && Objects.equals(seriesDescription, h.seriesDescription)
                && Objects.equals(protocolName, h.protocolName) && imageType.equals(h.imageType)
                && Objects.equals(instanceNumber, h.instanceNumber)
                && Arrays.equals(imagePositionPatient, h.imagePositionPatient)
                && Arrays.equals(imageOrientationPatient, h.imageOrientationPatient)
                && Objects.equals(sliceThickness, h.sliceThickness) && rows == h.rows && columns == h.columns;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sopInstanceUid, seriesInstanceUid, studyInstanceUid, rows, columns,
                Arrays.hashCode(imagePositionPatient));
    }

    @Override
    public String toString() {
        return "DicomHeader[" + modality + " " + rows + "x" + columns + ", study " + studyInstanceUid + ", series "
                + seriesInstanceUid + ", instance " + sopInstanceUid + " #" + instanceNumber + ", transfer syntax "
                + transferSyntaxUid + ", position " + Arrays.toString(imagePositionPatient) + "]";
    }
}
