/**
 * What every component stands on, no domain logic: the data source, schema migration at startup, readiness checks
 * (the cluster's in {@link org.strokescan.platform.ClusterReadiness}), configuration defaults (read outside
 * the server by {@link org.strokescan.platform.ShippedConfiguration}), the client's address behind trusted proxies
 * ({@link org.strokescan.platform.ClientAddress}), and the
 * application's role names ({@link org.strokescan.platform.Role}, which every component's {@code @RolesAllowed}
 * names, so that no component needs {@code security} for them), and this server as a node of a cluster
 * ({@link org.strokescan.platform.ClusterNode}: its name, the data grid, news for every node) with the runs of
 * scheduled jobs that one node does for all ({@link org.strokescan.platform.ScheduledRuns} and its table). Every
 * component may rely on what it provides.
 */
package org.strokescan.platform;
