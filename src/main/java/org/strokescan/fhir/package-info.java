/**
 * FHIR R4 for the EHR and for auditors: mapping our records to FHIR resources with HAPI FHIR. HAPI types stay in
 * this component; others hand it our own records through its boundary.
 */
package org.strokescan.fhir;
