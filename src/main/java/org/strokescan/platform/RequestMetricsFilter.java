package org.strokescan.platform;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Times every request the application serves: {@code strokescan_http_request_seconds}, a histogram by
 * {@code endpoint} (a route template, see {@link RouteTemplates}), {@code method} and {@code status}. The first
 * filter (web.xml), so the time includes the others.
 */
public class RequestMetricsFilter extends HttpFilter {

    static final Metadata REQUESTS = Metrics.seconds("strokescan_http_request",
            "Time to serve a request, by route template, method and status");

    @Inject
    MetricRegistry registry;

    private final RouteTemplates routes = new RouteTemplates();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            long nanos = System.nanoTime() - start;
            boolean thrown = failed;
            Metrics.update(registry, r -> {
                int status = thrown ? 500 : response.getStatus();
                Object template = request.getAttribute(RouteTemplates.ATTRIBUTE);
                String endpoint = routes.bounded(template instanceof String matched ? matched
                        : RouteTemplates.ofRequest(request.getServletPath(), request.getPathInfo(), status));
                Metrics.timer(r, REQUESTS, new Tag("endpoint", endpoint), new Tag("method",
                        RouteTemplates.method(request.getMethod())), new Tag("status", Integer.toString(status)))
                        .update(Duration.ofNanos(nanos));
            });
        }
    }
}
