/** The drift watch page and the drift banner of auditors and administrators; the monitoring boundary does the work. */
package org.strokescan.web.monitoring;
