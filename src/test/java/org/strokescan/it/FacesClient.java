package org.strokescan.it;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A cookie-keeping HTTP client that submits Faces forms the way the browser does: with the view state and
 * the PrimeFaces CSP nonce of the page it was served. Redirects are not followed, so tests can see them.
 */
public final class FacesClient {

    private final URI base;
    private final HttpClient http;
    private final CookieManager cookies = new BrowserCookies();
    private final String forwardedFor;

    public FacesClient(URI base) {
        this(base, null);
    }

    /**
     * A client seen as {@code clientAddress}: every request says so in {@code X-Forwarded-For}, as the cluster's
     * proxy does, which the server under test believes from this machine ({@code strokescan.security.trusted-proxies}
     * = local in the failsafe configuration). Lets a test act from several addresses.
     */
    public FacesClient(URI base, String clientAddress) {
        this.base = base;
        this.forwardedFor = clientAddress;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade: it broke streamed downloads here
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(resolve(path)).GET());
    }

    /** The value of a cookie this client holds, e.g. its session id; empty when it has none. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue).findFirst().orElse("");
    }

    /** Any HTTP method without a body, e.g. PUT, DELETE or OPTIONS where the app expects none of them. */
    public HttpResponse<String> request(String method, String path) {
        return send(HttpRequest.newBuilder(resolve(path)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** A REST call with HTTP Basic credentials (the API keeps no session). */
    public HttpResponse<String> getWithBasic(String path, String username, String password) {
        String token = java.util.Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(resolve(path)).header("Authorization", "Basic " + token).GET());
    }

    /** Loads {@code path}, fills the form {@code formId} and presses {@code button}. */
    public HttpResponse<String> submit(String path, String formId, String button, Map<String, String> fields) {
        return post(path, form(path, formId, button, fields));
    }

    /** As {@link #submit}, for a button that answers with a file (an export): the body as it came, byte for byte. */
    public HttpResponse<byte[]> download(String path, String formId, String button, Map<String, String> fields) {
        return send(formPost(path, List.copyOf(form(path, formId, button, fields).entrySet())),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private Map<String, String> form(String path, String formId, String button, Map<String, String> fields) {
        Document page = Jsoup.parse(get(path).body());
        Map<String, String> form = new LinkedHashMap<>();
        form.put(formId, formId);
        fields.forEach((name, value) -> form.put(formId + ":" + name, value));
        form.put(formId + ":" + button, "");
        form.put("jakarta.faces.ViewState", page.select("input[name=jakarta.faces.ViewState]").val());
        String nonce = page.select("script[nonce]").attr("nonce");
        form.put("primefaces.nonce", nonce);
        return form;
    }

    /**
     * Presses a button of a page already loaded, as a full (non-Ajax) post: the way to act inside one view,
     * e.g. a row's button and then the dialog it opened. Fields may repeat (checkbox groups).
     */
    public HttpResponse<String> press(String path, Document page, String formId, String buttonName,
                                      List<Map.Entry<String, String>> fields) {
        List<Map.Entry<String, String>> form = new ArrayList<>();
        form.add(Map.entry(formId, formId));
        fields.forEach(f -> form.add(Map.entry(formId + ":" + f.getKey(), f.getValue())));
        form.add(Map.entry(buttonName, ""));
        form.add(Map.entry("jakarta.faces.ViewState", page.select("input[name=jakarta.faces.ViewState]").val()));
        form.add(Map.entry("primefaces.nonce", page.select("script[nonce]").attr("nonce")));
        return post(path, form);
    }

    /**
     * Uploads one file as PrimeFaces' advanced {@code p:fileUpload} does: an Ajax multipart post of the form's
     * view state and the file as a part named by the component's client id (as PrimeFaces' advanced mode decodes
     * it); {@code render} names what to
     * send back (the component's {@code update}).
     */
    public HttpResponse<String> upload(String path, Document page, String formId, String componentId, String render,
                                       String fileName, String contentType, byte[] content) {
        return postUpload(path, HttpRequest.BodyPublishers.ofByteArray(Api.multipart(
                uploadFields(page, formId, componentId, render), componentId, fileName, contentType, content)));
    }

    /** The form fields PrimeFaces' advanced upload sends before the file part. */
    public static Map<String, String> uploadFields(Document page, String formId, String componentId, String render) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(formId, formId);
        fields.put("jakarta.faces.ViewState", page.select("input[name=jakarta.faces.ViewState]").val());
        fields.put("primefaces.nonce", page.select("script[nonce]").attr("nonce"));
        fields.put("jakarta.faces.partial.ajax", "true");
        fields.put("jakarta.faces.source", componentId);
        fields.put("jakarta.faces.partial.execute", componentId);
        fields.put("jakarta.faces.partial.render", render);
        // sent by PrimeFaces' script; without it PrimeFaces 15 fails the request (NumberFormatException)
        fields.put(componentId + "_totalFilesCount", "1");
        return fields;
    }

    /** Posts a multipart body (boundary {@link Api#BOUNDARY}) to a page, as PrimeFaces' Ajax upload does. */
    public HttpResponse<String> postUpload(String path, HttpRequest.BodyPublisher body) {
        return send(HttpRequest.newBuilder(resolve(path))
                .header("Content-Type", "multipart/form-data; boundary=" + Api.BOUNDARY)
                .header("Faces-Request", "partial/ajax")
                .header("X-Requested-With", "XMLHttpRequest")
                .POST(body));
    }

    /** Posts exactly these fields, as a forged or replayed form would. */
    public HttpResponse<String> post(String path, Map<String, String> fields) {
        return post(path, List.copyOf(fields.entrySet()));
    }

    private HttpResponse<String> post(String path, List<Map.Entry<String, String>> fields) {
        return send(formPost(path, fields));
    }

    private HttpRequest.Builder formPost(String path, List<Map.Entry<String, String>> fields) {
        String body = fields.stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** Signs in through the login form; returns the response to the form post. */
    public HttpResponse<String> login(String username, String password) {
        return submit("/login.xhtml", "login", "submit", Map.of("username", username, "password", password));
    }

    public URI resolve(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), body);
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    /**
     * Cookies sent back as browsers send them. The JDK takes a Set-Cookie header that contains "version=" for an
     * RFC 2965 cookie and sends its value in quotes; Payara's session version cookie (JSESSIONIDVERSION, set for a
     * distributable application) has that text in its name, and Payara fails on the quoted value.
     */
    private static final class BrowserCookies extends CookieManager {
        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
            super.put(uri, responseHeaders);
            getCookieStore().getCookies().forEach(cookie -> cookie.setVersion(0));
        }
    }
}
