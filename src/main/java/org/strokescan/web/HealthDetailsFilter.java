package org.strokescan.web;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * MicroProfile Health answers ({@code /health/*}, when the app is deployed at the root as the run command does)
 * tell a signed-in user or a probe on this machine everything (SQL errors, schema version, model checksum); anybody
 * else gets each check's name and status only, and, where the node was given a name ({@code strokescan.cluster.node},
 * as the cluster command does), which node answered and how many members it sees: what tells the nodes apart behind
 * the load balancer. A node named after its host (the default) keeps the host name to insiders. "On this machine":
 * from the loopback
 * address or from the address the request came in on (the machine calling itself by its own address). A request
 * that came through a proxy is never on this machine, even from there: the cluster's proxy runs on it.
 */
public class HealthDetailsFilter extends HttpFilter {

    /** The check whose data everybody sees when the node has a given name: its name and the cluster's size. */
    static final String CLUSTER_CHECK = "cluster";

    private boolean clusterPublic;

    @Override
    public void init() {
        clusterPublic = ConfigProvider.getConfig().getOptionalValue("strokescan.cluster.node", String.class)
                .filter(name -> !name.isBlank()).isPresent();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean forwarded = request.getHeader("X-Forwarded-For") != null || request.getHeader("Forwarded") != null;
        boolean local = isLocal(request.getRemoteAddr(), request.getLocalAddr(), forwarded);
        if (request.getUserPrincipal() != null || local) {
            chain.doFilter(request, response);
            return;
        }
        Captured captured = new Captured(response);
        chain.doFilter(request, captured);
        byte[] body = withoutDetails(captured.body(), clusterPublic).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static boolean isLocal(String remoteAddress, String localAddress, boolean forwarded) {
        // an address literal only: getByName would look a name up
        if (forwarded || remoteAddress == null || !remoteAddress.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            InetAddress remote = InetAddress.getByName(remoteAddress);
            return remote.isLoopbackAddress() || remoteAddress.equals(localAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * The health JSON with every check's {@code data} left out (but the cluster check's, if {@code clusterPublic});
     * anything that is not such JSON becomes {}.
     */
    static String withoutDetails(String json, boolean clusterPublic) {
        JsonObject health;
        try {
            health = Json.createReader(new StringReader(json)).readObject();
        } catch (JsonException | IllegalStateException e) {
            return "{}";
        }
        JsonObjectBuilder result = Json.createObjectBuilder();
        for (Map.Entry<String, JsonValue> field : health.entrySet()) {
            if (field.getKey().equals("checks") && field.getValue() instanceof jakarta.json.JsonArray checks) {
                JsonArrayBuilder stripped = Json.createArrayBuilder();
                for (JsonValue check : checks) {
                    stripped.add(check instanceof JsonObject object
                            && !(clusterPublic && CLUSTER_CHECK.equals(object.getString("name", "")))
                            ? Json.createObjectBuilder(object).remove("data").build() : check);
                }
                result.add("checks", stripped);
            } else if (!field.getKey().equals("data")) {
                result.add(field.getKey(), field.getValue());
            }
        }
        return result.build().toString();
    }

    /** Keeps what the health servlet writes, to be rewritten before it leaves. */
    private static final class Captured extends HttpServletResponseWrapper {

        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private PrintWriter writer;

        Captured(HttpServletResponse response) {
            super(response);
        }

        String body() {
            if (writer != null) {
                writer.flush();
            }
            return buffer.toString(StandardCharsets.UTF_8);
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override public void write(int b) { buffer.write(b); }
                @Override public void write(byte[] b, int off, int len) { buffer.write(b, off, len); }
                @Override public boolean isReady() { return true; }
                @Override public void setWriteListener(WriteListener listener) { }
            };
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(buffer, StandardCharsets.UTF_8));
            }
            return writer;
        }

        @Override public void setContentLength(int length) { }
        @Override public void setContentLengthLong(long length) { }
        @Override public void flushBuffer() { }
    }
}
