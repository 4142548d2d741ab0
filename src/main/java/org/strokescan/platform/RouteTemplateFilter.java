package org.strokescan.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Leaves the route template of a matched REST call ({@code /api/v1/predictions/{id}}) where
 * {@link RequestMetricsFilter} finds it for its {@code endpoint} label.
 */
@Provider
public class RouteTemplateFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        try {
            request.setAttribute(RouteTemplates.ATTRIBUTE, RouteTemplates.ofResource(request.getServletPath(),
                    resource.getResourceClass(), resource.getResourceMethod()));
        } catch (RuntimeException e) {
            // the request is served all the same; the metric falls back to the servlet path
        }
    }
}
