package org.strokescan.platform;

import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code endpoint} label of the request metrics: a route template, never a raw path, so that identifiers in
 * paths do not make a time series each. REST calls are named by their resource's {@code @Path} templates
 * ({@code /api/v1/predictions/{id}}), set by {@link RouteTemplateFilter}; other requests by the servlet that
 * served them: a page by its path, a servlet with path info by its mapping ({@code /clinician/slices/*}), Faces
 * resources as one. A request nothing served (404) is {@value #UNMATCHED}, and past {@value #MAX_ENDPOINTS}
 * distinct endpoints the rest are {@value #OTHER}.
 */
public final class RouteTemplates {

    /** The request attribute in which {@link RouteTemplateFilter} leaves the template of a matched REST call. */
    public static final String ATTRIBUTE = "org.strokescan.platform.route-template";
    public static final String UNMATCHED = "unmatched";
    public static final String OTHER = "other";
    static final int MAX_ENDPOINTS = 200;
    private static final String FACES_RESOURCES = "/jakarta.faces.resource/";

    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    /** The template of a REST call: the application's servlet path, the class's and the method's {@code @Path}. */
    public static String ofResource(String servletPath, Class<?> resource, Method method) {
        Path onClass = resource == null ? null : resource.getAnnotation(Path.class);
        Path onMethod = method == null ? null : method.getAnnotation(Path.class);
        return join(servletPath, onClass == null ? "" : onClass.value(), onMethod == null ? "" : onMethod.value());
    }

    /** The endpoint of a request that no REST resource matched. */
    public static String ofRequest(String servletPath, String pathInfo, int status) {
        if (status == 404) {
            return UNMATCHED;
        }
        String path = servletPath == null || servletPath.isEmpty() ? "/" : servletPath;
        if (path.startsWith(FACES_RESOURCES)) {
            return FACES_RESOURCES + "*";
        }
        return pathInfo == null || pathInfo.isEmpty() || pathInfo.equals("/") ? path : join(path, "*");
    }

    /** The endpoint as the metric's label: itself while fewer than {@value #MAX_ENDPOINTS} were seen, else OTHER. */
    public String bounded(String endpoint) {
        if (seen.contains(endpoint)) {
            return endpoint;
        }
        if (seen.size() >= MAX_ENDPOINTS) {
            return OTHER;
        }
        seen.add(endpoint);
        return endpoint;
    }

    /** A request method as a label: the standard ones as they are, anything else as OTHER. */
    public static String method(String method) {
        String upper = method == null ? "" : method.toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE" -> upper;
            default -> OTHER;
        };
    }

    /** Joins path parts with single slashes and reduces each template variable to its name ({id: [0-9]+} → {id}). */
    static String join(String... parts) {
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            for (String segment : withoutPatterns(part).split("/")) {
                if (!segment.isBlank()) {
                    path.append('/').append(segment.strip());
                }
            }
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    private static String withoutPatterns(String template) {
        StringBuilder out = new StringBuilder(template.length());
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            int depth = 0;
            int end = i;
            for (; end < template.length(); end++) {
                if (template.charAt(end) == '{') {
                    depth++;
                } else if (template.charAt(end) == '}' && --depth == 0) {
                    break;
                }
            }
            String variable = template.substring(i + 1, Math.min(end, template.length()));
            int colon = variable.indexOf(':');
            out.append('{').append((colon < 0 ? variable : variable.substring(0, colon)).strip()).append('}');
            i = end + 1;
        }
        return out.toString();
    }
}
