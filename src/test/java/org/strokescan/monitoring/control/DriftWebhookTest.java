package org.strokescan.monitoring.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DriftWebhookTest {

    @Test
    void postsTheReportAsJsonAndReportsTheStatus() throws Exception {
        AtomicReference<String> body = new AtomicReference<>();
        AtomicReference<String> type = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            type.set(exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 202 : 405, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
            assertEquals(202, new DriftWebhook().post(url, "{\"alarm\":true}"));
            assertEquals("{\"alarm\":true}", body.get());
            assertEquals("application/json", type.get());
            assertEquals(404, new DriftWebhook().post(url.replace("/hook", "/other"), "{}"), "a refusal is reported");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aReceiverThatCannotBeReachedIsLoggedNotThrown() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertEquals(-1, new DriftWebhook().post("http://127.0.0.1:" + closed + "/hook", "{}"));
        assertEquals(-1, new DriftWebhook().post("not a url", "{}"));
        assertEquals("hooks.example.org:8443", DriftWebhook.host("https://hooks.example.org:8443/T000/B000/secret"));
    }
}
