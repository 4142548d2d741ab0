/**
 * DICOM from the PACS: the DICOMweb STOW-RS receiver ({@code POST /dicomweb/studies}, sending systems with the role
 * INTEGRATION), each instance kept once by its SOP Instance UID, a study counted complete after a quiet period and
 * then classified as one study off the request threads (the axial series closest to the configured slice thickness,
 * its slices in anatomical order) into a department examination on the clinicians' worklist.
 */
package org.strokescan.pacs;
