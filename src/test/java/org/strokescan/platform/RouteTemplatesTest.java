package org.strokescan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;
import org.strokescan.examination.boundary.PredictionsResource;

/** The request metrics' {@code endpoint} label: route templates, never raw identifiers, and a bounded number. */
class RouteTemplatesTest {

    @Path("/predictions/")
    static class Resource {
        @POST
        public void create() {
        }

        @GET
        @Path("{id}")
        public void read() {
        }

        @GET
        @Path("/{id: [0-9a-f-]{36}}/heatmap")
        public void heatmap() {
        }
    }

    @Path("health")
    static class NoMethodPath {
        @GET
        public void get() {
        }
    }

    @Test
    void aRestCallIsNamedByItsResourcesTemplates() throws Exception {
        assertEquals("/api/v1/predictions", RouteTemplates.ofResource("/api/v1", Resource.class,
                Resource.class.getMethod("create")));
        assertEquals("/api/v1/predictions/{id}", RouteTemplates.ofResource("/api/v1", Resource.class,
                Resource.class.getMethod("read")));
        assertEquals("/api/v1/health", RouteTemplates.ofResource("/api/v1/", NoMethodPath.class,
                NoMethodPath.class.getMethod("get")));
    }

    @Test
    void aTemplateVariablesPatternIsLeftOut() throws Exception {
        assertEquals("/api/v1/predictions/{id}/heatmap", RouteTemplates.ofResource("/api/v1", Resource.class,
                Resource.class.getMethod("heatmap")));
        assertEquals("/a/{x}/b/{y}", RouteTemplates.join("/a/{ x : \\d+ }/", "b//{y:[a-z]{2,3}/?}"));
    }

    @Test
    void theRealPredictionsResourceHasTemplatesWithoutIdentifiers() {
        for (var method : PredictionsResource.class.getMethods()) {
            if (method.isAnnotationPresent(GET.class) || method.isAnnotationPresent(POST.class)) {
                String template = RouteTemplates.ofResource("/api/v1", PredictionsResource.class, method);
                assertEquals(true, template.startsWith("/api/v1/predictions"), template);
                assertEquals(false, template.matches(".*[0-9a-f]{8}-.*"), template);
            }
        }
    }

    @Test
    void otherRequestsAreNamedByTheirServlet() {
        assertEquals("/clinician/examination.xhtml", RouteTemplates.ofRequest("/clinician/examination.xhtml", null, 200));
        assertEquals("/clinician/slices/*", RouteTemplates.ofRequest("/clinician/slices", "/3f2a9c0e-1b2c/heatmap", 200));
        assertEquals("/jakarta.faces.resource/*",
                RouteTemplates.ofRequest("/jakarta.faces.resource/theme.css.xhtml", null, 200));
        assertEquals("/", RouteTemplates.ofRequest("", null, 302));
        assertEquals("/api/v1/*", RouteTemplates.ofRequest("/api/v1", "/predictions", 405));
    }

    @Test
    void whatNothingServedIsOneEndpoint() {
        assertEquals(RouteTemplates.UNMATCHED, RouteTemplates.ofRequest("/wp-admin/1234.php", null, 404));
        assertEquals(RouteTemplates.UNMATCHED, RouteTemplates.ofRequest("/api/v1", "/nothing/here", 404));
    }

    @Test
    void pastTheLimitFurtherEndpointsAreOther() {
        RouteTemplates routes = new RouteTemplates();
        for (int i = 0; i < RouteTemplates.MAX_ENDPOINTS; i++) {
            assertEquals("/page" + i + ".xhtml", routes.bounded("/page" + i + ".xhtml"));
        }
        assertEquals(RouteTemplates.OTHER, routes.bounded("/one-too-many.xhtml"));
        assertEquals("/page7.xhtml", routes.bounded("/page7.xhtml"), "those seen keep their name");
    }

    @Test
    void unknownMethodsAreOneLabel() {
        assertEquals("GET", RouteTemplates.method("get"));
        assertEquals(RouteTemplates.OTHER, RouteTemplates.method("PROPFIND"));
        assertEquals(RouteTemplates.OTHER, RouteTemplates.method(null));
    }
}
