/**
 * Wiring only: the data source, schema migration at startup, readiness checks and configuration
 * defaults. Holds no domain logic; every component may rely on what it provides.
 */
package org.strokescan.platform;
