package org.strokescan.platform;

import com.hazelcast.core.HazelcastInstance;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This server as one node of a cluster: its name ({@code strokescan.cluster.node}, else the host name), which the
 * logs, {@code /health/ready} and the claims on shared work carry; and Payara Micro's data grid (Hazelcast), through
 * which the nodes find each other and tell each other what each must know at once. A single server has a grid of one
 * member.
 */
@ApplicationScoped
public class ClusterNode {

    private static final Logger LOG = Logger.getLogger(ClusterNode.class.getName());
    /** Where Payara publishes its Hazelcast instance. */
    static final String GRID_JNDI_NAME = "payara/Hazelcast";

    @Inject
    @ConfigProperty(name = "strokescan.cluster.node")
    Optional<String> configuredName;

    private String name;
    private volatile HazelcastInstance grid;

    @PostConstruct
    void init() {
        name = configuredName.map(String::strip).filter(value -> !value.isEmpty()).orElseGet(ClusterNode::hostName);
    }

    public String name() {
        return name;
    }

    /** The members the data grid sees, this node included; 1 without a grid. */
    public int clusterSize() {
        return grid().map(instance -> instance.getCluster().getMembers().size()).orElse(1);
    }

    /**
     * Tells every other node, through a topic of the data grid; a node alone has nobody to tell. Fire and forget:
     * delivery takes milliseconds, and a node that misses it (it was starting) reads afresh anyway.
     */
    public void publish(String topic, String message) {
        grid().ifPresent(instance -> instance.<String>getTopic(topic).publish(message));
    }

    /** Hears what any node publishes on the topic, this one included; empty without a grid. */
    public Optional<UUID> subscribe(String topic, Consumer<String> listener) {
        return grid().map(instance -> instance.<String>getTopic(topic)
                .addMessageListener(message -> listener.accept(message.getMessageObject())));
    }

    public void unsubscribe(String topic, UUID subscription) {
        grid().ifPresent(instance -> instance.getTopic(topic).removeMessageListener(subscription));
    }

    /** Payara's data grid; empty when Payara runs without one ({@code --nohazelcast}) or it has stopped. */
    public Optional<HazelcastInstance> grid() {
        HazelcastInstance current = grid;
        if (current == null) {
            try {
                current = (HazelcastInstance) new InitialContext().lookup(GRID_JNDI_NAME);
                grid = current;
            } catch (NamingException | ClassCastException e) {
                LOG.fine(() -> "event=cluster.no-grid error=" + e);
                return Optional.empty();
            }
        }
        if (!current.getLifecycleService().isRunning()) {
            grid = null; // looked up again next time: Payara binds a new instance if it starts one
            return Optional.empty();
        }
        return Optional.of(current);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
