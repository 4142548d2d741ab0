/**
 * EHR hooks (HL7 CDS Hooks 2.0): the EHR asks while a clinician works, StrokeScan answers with cards for the patient's
 * studies. Trust is the EHR's signed JWT (Nimbus JOSE+JWT); it reads examinations through the examination boundary, the
 * EHR's Patient through the fhir boundary, and audits through the audit boundary.
 */
package org.strokescan.cds;
