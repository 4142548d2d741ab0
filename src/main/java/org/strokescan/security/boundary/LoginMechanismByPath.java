package org.strokescan.security.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanismHandler;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.strokescan.platform.Role;
import org.strokescan.security.entity.ReturnPath;
import org.strokescan.security.entity.SignedInSession;

/**
 * Routes each request to HTTP Basic under {@code /api/} and {@code /dicomweb/} (machine clients) and to the form login everywhere else. A page request of a
 * signed-in session is checked against its account first ({@link SignedInSessions}): it goes on with the roles the
 * account holds now, or, once ended, is sent to the login page (a page) or let through anonymously (a public
 * resource). A page request that comes after its session is gone (a form posted from a page whose session ended, by
 * the idle timeout or a sign-out elsewhere, or a cookie naming a session that no longer exists) is sent to the login
 * page with the reason and the page to return to, as a redirect its Ajax requests and uploads follow as well.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class LoginMechanismByPath implements HttpAuthenticationMechanismHandler {

    private static final Logger LOG = Logger.getLogger(LoginMechanismByPath.class.getName());

    static final String API_PREFIX = "/api/";
    /** DICOMweb from a PACS: a machine client like the API's, so HTTP Basic too. */
    static final String DICOMWEB_PREFIX = "/dicomweb/";
    public static final String SESSION_ENDED_PAGE = "/login.xhtml?ended=true";
    /** The login page for a request that came after its session was gone (idle timeout, sign-out elsewhere). */
    public static final String SESSION_LAPSED_PAGE = "/login.xhtml?lapsed=true";
    /** Request attribute: why the API refused credentials, when saying so gives nothing away. */
    public static final String REFUSAL_DETAIL = "strokescan.refusalDetail";
    /** Request attribute (a {@code Long}): the sign-in was throttled, and may be tried again after so many seconds. */
    public static final String RETRY_AFTER_SECONDS = "strokescan.retryAfterSeconds";
    /** Request attribute: the right password, but an issued one that expired (saying so gives nothing away). */
    public static final String ISSUED_PASSWORD_EXPIRED = "strokescan.issuedPasswordExpired";

    @Inject
    @PageLogin
    HttpAuthenticationMechanism pages;

    @Inject
    @ApiLogin
    HttpAuthenticationMechanism api;

    @Inject
    SignedInSessions sessions;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        if (isApiRequest(request)) {
            return api.validateRequest(request, response, context);
        }
        Optional<SignedInSession> signedIn = sessions.of(request);
        if (signedIn.isPresent() && !context.isAuthenticationRequest()) {
            Optional<Set<Role>> roles = sessions.check(request, signedIn.get());
            if (roles.isPresent()) {
                return context.notifyContainerAboutLogin(signedIn.get().username(),
                        roles.get().stream().map(Role::name).collect(Collectors.toSet()));
            }
            return sessionEnded(request, response, context);
        }
        if (signedIn.isEmpty() && !context.isAuthenticationRequest() && context.isProtected() && sessionLapsed(request)) {
            // an expected condition, not a failure: one ordinary line, no stack trace
            LOG.info(() -> "event=session.lapsed method=" + request.getMethod() + " ajax=" + isAjax(request)
                    + " path=" + pathOf(request));
            return toLoginPage(SESSION_LAPSED_PAGE, request, response, context);
        }
        AuthenticationStatus status = pages.validateRequest(request, response, context);
        if (context.isAuthenticationRequest() && status != AuthenticationStatus.SEND_FAILURE) {
            // SUCCESS, or SEND_CONTINUE on to the page first asked for: either way the session is signed in now
            Optional<SignedInSession> verified = sessions.verifiedNow(request);
            if (verified.isEmpty()) {
                return status == AuthenticationStatus.SUCCESS
                        ? AuthenticationStatus.SEND_FAILURE // never a session that the check would not know of
                        : status;
            }
            sessions.start(request, verified.get());
        }
        return status;
    }

    /** An ended session: a protected page sends the browser to the login page; anything else goes on anonymously. */
    private static AuthenticationStatus sessionEnded(HttpServletRequest request, HttpServletResponse response,
                                                     HttpMessageContext context) throws AuthenticationException {
        if (!context.isProtected()) {
            return context.doNothing();
        }
        return toLoginPage(SESSION_ENDED_PAGE, request, response, context);
    }

    /**
     * Without a signed-in session: a form posted to a page (no page is ever posted to before sign-in, so the page that
     * posted it had a session that is gone now), or a cookie naming a session that no longer exists.
     */
    static boolean sessionLapsed(HttpServletRequest request) {
        return "POST".equals(request.getMethod())
                || request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
    }

    /**
     * Sends the browser to the login page, which after sign-in returns to this page: for an Ajax request (also
     * PrimeFaces' uploads) as Faces' own redirect answer, which PrimeFaces follows; otherwise as an HTTP redirect.
     */
    private static AuthenticationStatus toLoginPage(String page, HttpServletRequest request, HttpServletResponse response,
                                                    HttpMessageContext context) throws AuthenticationException {
        String query = request.getQueryString();
        String login = request.getContextPath() + page + ReturnPath.of(pathOf(request) + (query == null ? "" : "?" + query))
                .map(back -> "&return=" + URLEncoder.encode(back.path(), StandardCharsets.UTF_8)).orElse("");
        if (isAjax(request)) {
            try {
                response.setContentType("text/xml");
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response>"
                        + "<redirect url=\"" + login.replace("&", "&amp;") + "\"></redirect></partial-response>");
            } catch (IOException e) {
                throw new AuthenticationException(e);
            }
            return AuthenticationStatus.SEND_CONTINUE;
        }
        return context.redirect(login);
    }

    private static boolean isAjax(HttpServletRequest request) {
        return "partial/ajax".equals(request.getHeader("Faces-Request"));
    }

    @Override
    public AuthenticationStatus secureResponse(HttpServletRequest request, HttpServletResponse response,
                                               HttpMessageContext context) throws AuthenticationException {
        return mechanismFor(request).secureResponse(request, response, context);
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        mechanismFor(request).cleanSubject(request, response, context);
    }

    private HttpAuthenticationMechanism mechanismFor(HttpServletRequest request) {
        return isApiRequest(request) ? api : pages;
    }

    static boolean isApiRequest(HttpServletRequest request) {
        String path = pathOf(request);
        return path.startsWith(API_PREFIX) || path.startsWith(DICOMWEB_PREFIX);
    }

    /**
     * The path within the application that the container routed this request by: decoded and normalised, without
     * path parameters ({@code ;x}). Never the raw request URI, which a request can make say something else.
     */
    public static String pathOf(HttpServletRequest request) {
        String info = request.getPathInfo();
        return request.getServletPath() + (info == null ? "" : info);
    }
}
