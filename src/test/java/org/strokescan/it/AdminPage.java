package org.strokescan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** The administrator's users page, driven over HTTP as its buttons would: create accounts, act on a row. */
final class AdminPage {

    static final String PATH = "/admin/users.xhtml";

    private AdminPage() {
    }

    /** Creates an account with one role; returns the temporary password the page shows once. */
    static String createAccount(FacesClient admin, String username, String role) {
        Document page = Jsoup.parse(admin.get(PATH).body());
        HttpResponse<String> created = admin.press(PATH, page, "create", "create:submit", List.of(
                Map.entry("username", username), Map.entry("displayName", "Test " + username), Map.entry("roles", role)));
        assertShows(created, "User " + username + " created");
        return Jsoup.parse(created.body()).getElementById("issued-password").text();
    }

    /** Presses a button in the row of the users table that shows {@code username}. */
    static HttpResponse<String> pressRowButton(FacesClient admin, String username, String label) {
        Document page = Jsoup.parse(admin.get(PATH).body());
        Element row = page.select("#users\\:table tbody tr").stream()
                .filter(r -> r.select(".username").text().equals(username)).findFirst().orElseThrow();
        Element button = row.select("button").stream().filter(b -> b.text().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + label + "' button for " + username + ": " + row.text()));
        return admin.press(PATH, page, "users", button.attr("name"), List.of());
    }

    static void assertShows(HttpResponse<String> response, String expected) {
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains(expected), () -> "'" + expected + "' not in " + Jsoup.parse(response.body()).text());
    }
}
