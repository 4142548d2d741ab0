package org.strokescan.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.strokescan.platform.ClientAddress;
import org.strokescan.platform.Problem;
import org.strokescan.security.boundary.LoginMechanismByPath;

/**
 * Security headers on every response. Faces pages get their Content-Security-Policy from PrimeFaces
 * (it adds a per-request script nonce, see {@code primefaces.CSP_POLICY} in web.xml); every other response
 * gets a policy that allows nothing to run or frame it. A response carries exactly one policy: the page's own
 * replaces that default, which matters for error pages (the error dispatch is not a page, the page it forwards
 * to is). Pages and REST API answers (patient data) are never cached. HSTS goes with a secure request, which
 * behind a TLS-terminating proxy is what its {@code X-Forwarded-Proto} says (the listener's scheme-mapping); that
 * header from anyone but a trusted proxy is refused with 400.
 */
public class SecurityHeadersFilter extends HttpFilter {

    static final String CSP = "Content-Security-Policy";
    static final String NON_PAGE_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    @Inject
    ClientAddress clientAddress;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        String path = LoginMechanismByPath.pathOf(request);
        if (forwardedSchemeRefused(request.getHeader(FORWARDED_PROTO) != null, clientAddress.isTrustedProxy(request))) {
            // the listener already took the scheme from it (scheme-mapping): only a trusted proxy may name it
            String detail = FORWARDED_PROTO + " is accepted only from a trusted proxy (strokescan.security.trusted-proxies).";
            boolean api = path.startsWith("/api/");
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setHeader(CSP, NON_PAGE_POLICY);
            response.setCharacterEncoding("UTF-8");
            response.setContentType(api ? Problem.MEDIA_TYPE : "text/plain");
            response.getWriter().write(api ? Problem.json(400, "Bad request", detail, path) : detail);
            return;
        }
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
        if (isPage(path) || path.startsWith("/api/") || path.startsWith("/error/")) {
            // pages and API answers may show patient data: never cache them
            response.setHeader("Cache-Control", "no-store");
        }
        if (!isPage(path) && !path.startsWith("/jakarta.faces.resource/")) {
            response.setHeader(CSP, NON_PAGE_POLICY);
        }
        chain.doFilter(request, new OnePolicy(response));
    }

    /** A request naming its scheme through a proxy header that does not come from a trusted proxy is refused. */
    static boolean forwardedSchemeRefused(boolean namesForwardedScheme, boolean fromTrustedProxy) {
        return namesForwardedScheme && !fromTrustedProxy;
    }

    static boolean isPage(String path) {
        return path.endsWith(".xhtml") || path.equals("/") || path.endsWith("/");
    }

    /** A policy added later (a page's own, by PrimeFaces) replaces the one set here instead of adding a second. */
    private static final class OnePolicy extends HttpServletResponseWrapper {

        OnePolicy(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void addHeader(String name, String value) {
            if (CSP.equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            } else {
                super.addHeader(name, value);
            }
        }
    }
}
