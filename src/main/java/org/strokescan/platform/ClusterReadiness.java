package org.strokescan.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Names the node that answers and how many members it sees, so that an operator behind the load balancer can tell
 * the nodes apart and spot one that lost the others (a split cluster). Always up: a node alone still serves.
 */
@Readiness
@ApplicationScoped
public class ClusterReadiness implements HealthCheck {

    @Inject
    ClusterNode node;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("cluster").up()
                .withData("node", node.name())
                .withData("clusterSize", node.clusterSize())
                .build();
    }
}
