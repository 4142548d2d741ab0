package org.strokescan.pacs.entity;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One received DICOM instance, kept once by its SOP Instance UID. Its bytes wait here until its study is classified;
 * then they are dropped (the classified slices live on as the examination's stored images).
 */
@Entity
@Table(name = "dicom_instance")
public class DicomInstance {

    @Id
    @Column(name = "sop_instance_uid", length = 64)
    private String sopInstanceUid;

    @Column(name = "examination_id", nullable = false, length = 36)
    private String examinationId;

    @Column(name = "series_instance_uid", nullable = false, length = 64)
    private String seriesInstanceUid;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(nullable = false, length = 64)
    private String sender;

    @Column(name = "instance_number")
    private Integer instanceNumber;

    @Column(name = "position")
    private Double position;

    @Column(name = "slice_thickness")
    private Double sliceThickness;

    @Column(name = "series_description", length = 64)
    private String seriesDescription;

    @Column(nullable = false)
    private boolean axial;

    @Column(name = "rows_count", nullable = false)
    private int rows;

    @Column(name = "columns_count", nullable = false)
    private int columns;

    @Basic(fetch = FetchType.LAZY)
    private byte[] content;

    protected DicomInstance() {
    }

    public DicomInstance(InstanceSummary summary, String examinationId, Instant receivedAt, String sender,
                         String seriesDescription, byte[] content) {
        this.sopInstanceUid = summary.sopInstanceUid();
        this.seriesInstanceUid = summary.seriesInstanceUid();
        this.instanceNumber = summary.instanceNumber();
        this.position = summary.position();
        this.sliceThickness = summary.sliceThickness();
        this.axial = summary.axial();
        this.rows = summary.rows();
        this.columns = summary.columns();
        this.examinationId = examinationId;
        this.receivedAt = receivedAt;
        this.sender = sender;
        this.seriesDescription = seriesDescription == null || seriesDescription.length() <= 64 ? seriesDescription
                : seriesDescription.substring(0, 64);
        this.content = content;
    }

    public InstanceSummary summary() {
        return new InstanceSummary(sopInstanceUid, seriesInstanceUid, instanceNumber, position, sliceThickness, axial,
                rows, columns);
    }

    /** The study is classified: its bytes are not needed any more. */
    public void release() {
        content = null;
    }

    public String sopInstanceUid() { return sopInstanceUid; }
    public String examinationId() { return examinationId; }
    public String seriesInstanceUid() { return seriesInstanceUid; }
    public String seriesDescription() { return seriesDescription; }
    public byte[] content() { return content; }
}
