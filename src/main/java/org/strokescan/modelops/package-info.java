/**
 * Model operations: which model is active and which runs in the shadow, promotion and rollback with a second
 * administrator's approval, and the shadow's results compared with the active model and with clinicians' signed
 * reviews. It loads models through the inference boundary, reads examinations through the examination boundary and
 * audits through the audit boundary.
 */
package org.strokescan.modelops;
