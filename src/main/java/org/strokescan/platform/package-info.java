/**
 * Wiring only: the data source, schema migration at startup, readiness checks, configuration defaults (read outside
 * the server by {@link org.strokescan.platform.ShippedConfiguration}), the client's address behind trusted proxies
 * ({@link org.strokescan.platform.ClientAddress}), and the
 * application's role names ({@link org.strokescan.platform.Role}, which every component's {@code @RolesAllowed}
 * names, so that no component needs {@code security} for them). Holds no domain logic; every component may rely on
 * what it provides.
 */
package org.strokescan.platform;
