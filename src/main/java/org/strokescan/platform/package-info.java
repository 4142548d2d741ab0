/**
 * Wiring only: the data source, schema migration at startup, readiness checks, configuration defaults, and the
 * application's role names ({@link org.strokescan.platform.Role}, which every component's {@code @RolesAllowed}
 * names, so that no component needs {@code security} for them). Holds no domain logic; every component may rely on
 * what it provides.
 */
package org.strokescan.platform;
