package org.strokescan.platform;

/** The application roles; the names are the group names the identity store hands to the container. */
public enum Role {
    CLINICIAN,
    AUDITOR,
    ADMIN,
    /** A sending system (a PACS): it may deliver DICOM to the DICOMweb receiver and nothing else. */
    INTEGRATION;

    public static final String CLINICIAN_NAME = "CLINICIAN";
    public static final String AUDITOR_NAME = "AUDITOR";
    public static final String ADMIN_NAME = "ADMIN";
    public static final String INTEGRATION_NAME = "INTEGRATION";
}
