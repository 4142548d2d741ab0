package org.strokescan.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.strokescan.cds.boundary.CdsServices;
import org.strokescan.platform.Problem;
import org.strokescan.security.boundary.LoginMechanismByPath;

/**
 * Refuses a request body larger than the server takes before anything reads it: an upload (multipart) may carry
 * the file limit ({@code strokescan.upload.max-bytes}) plus {@value #MULTIPART_MARGIN} bytes for the form around
 * the file, so a file just over the limit still reaches the image intake and gets its specific reason; any other
 * body (JSON, forms) {@code strokescan.request.max-bytes}, a STOW-RS request {@code strokescan.pacs.max-request-bytes}.
 * The declared length decides (the container never hands
 * the application more than it declares); a body sent without one (chunked) is refused with 411, since its size is
 * only known once it has been read. The API answers problem+json, pages a short text. Payara's HTTP listener refuses
 * a body over its own ceiling ({@code max-post-size-bytes}, 32 MiB in payara-config) before this filter and before
 * authentication, with its own 413 page, and closes the connection without taking the body.
 */
public class RequestBodyLimits extends HttpFilter {

    /** Room for the multipart envelope of an upload: boundaries, part headers, the page's form fields. */
    static final long MULTIPART_MARGIN = 64 * 1024;

    /** EHR hooks: their callers are systems that read problem JSON, and a refusal is audited like the hooks' own. */
    private static final String CDS_PREFIX = "/cds-services";

    @Inject
    CdsServices hooks;

    private static final String DICOMWEB_PREFIX = "/dicomweb/";

    private long uploadLimit;
    private long otherLimit;
    private long dicomwebLimit;

    @Override
    public void init() {
        Config config = ConfigProvider.getConfig();
        uploadLimit = uploadLimit(config);
        otherLimit = otherLimit(config);
        dicomwebLimit = config.getValue("strokescan.pacs.max-request-bytes", Long.class);
    }

    private static long uploadLimit(Config config) {
        return config.getValue("strokescan.upload.max-bytes", Long.class) + MULTIPART_MARGIN;
    }

    private static long otherLimit(Config config) {
        return config.getValue("strokescan.request.max-bytes", Long.class);
    }

    /** What happens to a request with this declared length (-1: none), transfer coding and content type. */
    record Verdict(int status, String detail) {
        static final Verdict PASS = new Verdict(0, null);
    }

    static Verdict judge(long length, String transferEncoding, String contentType, long uploadLimit, long otherLimit) {
        if (length < 0 && transferEncoding != null && !transferEncoding.isBlank()) {
            return new Verdict(411, "The request body has no Content-Length (it was sent as " + transferEncoding
                    + "): send its length, as browsers and curl do.");
        }
        boolean upload = contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
        long limit = upload ? uploadLimit : otherLimit;
        if (length > limit) {
            return new Verdict(413, "The request body of " + length + " bytes is larger than the limit of " + limit
                    + " bytes for " + (upload ? "an upload (the file limit of " + (uploadLimit - MULTIPART_MARGIN)
                    + " bytes and the form around it)" : "this request") + ".");
        }
        return Verdict.PASS;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // a STOW-RS request from a PACS carries DICOM instances: it has a limit of its own, and PACS clients (Orthanc)
        // stream it chunked, so the receiver counts what it reads instead
        boolean dicomweb = LoginMechanismByPath.pathOf(request).startsWith(DICOMWEB_PREFIX);
        if (dicomweb && request.getContentLengthLong() < 0) {
            chain.doFilter(request, response);
            return;
        }
        Verdict verdict = judge(request.getContentLengthLong(), request.getHeader("Transfer-Encoding"),
                request.getContentType(), uploadLimit, dicomweb ? dicomwebLimit : otherLimit);
        if (verdict.status() == 0) {
            chain.doFilter(request, response);
            return;
        }
        // nothing here reads the body; the container discards what the client still sends of it
        response.setStatus(verdict.status());
        response.setCharacterEncoding("UTF-8");
        String title = verdict.status() == 411 ? "Length required" : "Content too large";
        String path = LoginMechanismByPath.pathOf(request);
        if (path.startsWith(CDS_PREFIX)) {
            hooks.bodyRefused(verdict.status(), verdict.detail());
        }
        if (path.startsWith("/api/") || path.startsWith(CDS_PREFIX)) {
            response.setContentType(Problem.MEDIA_TYPE);
            response.getWriter().write(Problem.json(verdict.status(), title, verdict.detail(), null));
        } else {
            response.setContentType("text/plain");
            response.getWriter().write(title + ": " + verdict.detail());
        }
    }
}
