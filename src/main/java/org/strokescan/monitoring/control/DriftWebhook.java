package org.strokescan.monitoring.control;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Posts a drift report that raised the alarm to the configured URL; a failure is logged (its host only: a hook's path
 * often holds its secret), never thrown.
 */
public final class DriftWebhook {

    private static final Logger LOG = Logger.getLogger(DriftWebhook.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** @return the HTTP status, or -1 when the request could not be made */
    public int post(String url, String json) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                LOG.warning(() -> "event=drift.webhook.refused status=" + status + " host=" + host(url));
            }
            return status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warning(() -> "event=drift.webhook.failed interrupted host=" + host(url));
            return -1;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "event=drift.webhook.failed host=" + host(url) + " " + e.getClass().getSimpleName());
            return -1;
        }
    }

    /** Where the hook points, without its path or query: webhook URLs often carry their secret there. */
    static String host(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getHost() == null ? "(not a URL)" : uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return "(not a URL)";
        }
    }
}
