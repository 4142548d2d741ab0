package org.strokescan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A short, fixed part of the fuzz campaign ({@link FuzzCampaign}): every kind of hostile upload in the corpus, two
 * of each random kind, through the REST API and through the examination page, one file eight times at once, and
 * 120 of them from 40 clients at once.
 * No 5xx, every answer the right one with a specific reason, and the server healthy all along.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FuzzIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/strokescan.war"));
    }

    @BeforeEach
    void modelIsReady() throws Exception {
        Api.awaitModel(URI.create(base.toString()));
    }

    @Test
    void everyHostileUploadGetsASpecificAnswerAndTheServerStaysHealthy() throws Exception {
        URI api = URI.create(base.toString());
        SeededAccounts.Credentials clinician = SeededAccounts.get("clinician2");
        List<FuzzCorpus.Case> corpus = FuzzCorpus.generate(1, 2);
        HealthProbe probe = HealthProbe.start(api);

        List<FuzzCampaign.Outcome> outcomes = new ArrayList<>();
        for (FuzzCorpus.Case fuzz : corpus) {
            outcomes.add(FuzzCampaign.rest(api, clinician.username(), clinician.password(), fuzz));
        }
        FuzzCampaign.Page page = FuzzCampaign.openExamination(api, clinician.username(), clinician.password());
        for (FuzzCorpus.Case fuzz : corpus) {
            outcomes.add(FuzzCampaign.faces(page, fuzz));
        }
        List<FuzzCampaign.Outcome> same = FuzzCampaign.sameFileAtOnce(api, clinician.username(), clinician.password(),
                corpus.getFirst(), 8);
        // more clients than the server has request threads (32): enough to have run its connection pool dry before
        outcomes.addAll(FuzzCampaign.burst(api, clinician.username(), clinician.password(), corpus, 120, 40));
        HealthProbe.Result health = probe.stop();

        outcomes.forEach(o -> System.out.println(o.path() + " " + o.fuzz().fileName() + " (" + o.fuzz().kind() + "): "
                + o.status() + " " + o.answer()));
        assertEquals(List.of(), outcomes.stream().filter(o -> !o.expected())
                .map(o -> o.path() + " " + o.fuzz().fileName() + ": " + o.status() + " " + o.answer()).toList());
        assertTrue(outcomes.stream().noneMatch(FuzzCampaign.Outcome::serverError));
        assertEquals(List.of(201, 201, 201, 201, 201, 201, 201, 201),
                same.stream().map(FuzzCampaign.Outcome::status).toList(), "the same file at once: all classified");
        // nothing the page was given is lost: each file is a slice or a stored refusal of the examination
        JsonObject stored = Json.createReader(new StringReader(Api.send(api, "GET", "/api/v1/examinations/"
                + page.path().substring(page.path().indexOf("id=") + 3), "clinician2", null).body())).readObject();
        List<FuzzCampaign.Outcome> onPage = outcomes.stream().filter(o -> o.path().equals("page")).toList();
        assertEquals(onPage.stream().filter(o -> o.answer().equals("classified")).count(), stored.getJsonArray("slices").size());
        assertEquals(onPage.stream().filter(o -> !o.answer().equals("classified")).count(),
                stored.getJsonArray("rejections").size());
        assertEquals(0, health.failures(), "health answered 200 throughout: " + health);
        assertTrue(health.probes() > 0);
    }
}
