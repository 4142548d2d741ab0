package org.strokescan.cds.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditEntry;
import org.strokescan.audit.entity.AuditSubject;
import org.strokescan.cds.control.CdsRepository;
import org.strokescan.cds.control.EhrTrust;
import org.strokescan.cds.control.HookRefused;
import org.strokescan.cds.control.PatientViewCards;
import org.strokescan.cds.control.PatientViewRequest;
import org.strokescan.cds.entity.Card;
import org.strokescan.cds.entity.CardFeedback;
import org.strokescan.cds.entity.CardIndicator;
import org.strokescan.cds.entity.CdsService;
import org.strokescan.cds.entity.FeedbackOutcome;
import org.strokescan.cds.entity.IssuedCard;
import org.strokescan.examination.boundary.ExaminationReads;
import org.strokescan.examination.entity.Examination;
import org.strokescan.examination.entity.PatientStudy;
import org.strokescan.fhir.boundary.EhrPatients;

/**
 * StrokeScan's CDS Hooks services. Every call must carry a JWT of a trusted EHR (verified before anything else, used
 * once); every call, answered or refused, is audited. The caller is a system, not a signed-in user: the audit trail
 * names it {@value #ACTOR}, with the EHR in the detail.
 */
@Stateless
@PermitAll
public class CdsServices {

    public static final String PATIENT_VIEW = "strokescan-patient-view";
    static final String ACTOR = "cds-hooks";
    /** The subject of a refusal whose caller named no issuer (no token, or one that does not parse). */
    static final String UNIDENTIFIED_EHR = "EHR unidentified";
    private static final Logger LOG = Logger.getLogger(CdsServices.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    CdsSettings settings;

    @Inject
    CdsRepository repository;

    @Inject
    ReplayGuard replay;

    @Inject
    ExaminationReads examinations;

    @Inject
    EhrPatients patients;

    @Inject
    AuditTrail audit;

    public List<CdsService> discovery() {
        return List.of(new CdsService("patient-view", PATIENT_VIEW, "StrokeScan head-CT triage",
                "AI triage of head CT for intracranial haemorrhage (decision support, not a diagnosis): a critical "
                        + "card for a suspected study no clinician has reviewed yet, and the clinician's signed finding "
                        + "for reviewed studies, for the patient in context over the last "
                        + settings.lookback().toHours() + " hours.",
                Map.of("patient", "Patient/{{context.patientId}}"),
                "The EHR signs each call with a key in the JWKS StrokeScan was given for it "
                        + "(strokescan.cds.trusted-ehrs); the card's link opens StrokeScan after its own sign-in."));
    }

    /**
     * The cards for the patient in context: none when StrokeScan has nothing to say, or does not know the patient.
     *
     * @param baseUrl the URL StrokeScan is reached at, for the token's audience and the cards' links
     * @throws HookRefused 401 (token), 400 (request) or 412 (the patient cannot be looked up)
     */
    public List<Card> patientView(String authorization, String baseUrl, String body) throws HookRefused {
        EhrTrust.VerifiedCall call = trusted(authorization, baseUrl + "/cds-services/" + PATIENT_VIEW);
        try {
            PatientViewRequest request = PatientViewRequest.parse(body);
            Optional<String> mrn = mrn(request);
            List<Card> cards = mrn.map(m -> cards(call, m, baseUrl)).orElse(List.of());
            audit.recordFor(ACTOR, List.of(), AuditEntry.success(AuditAction.CDS_HOOK_CALLED,
                    mrn.map(AuditSubject::patient).orElse(AuditSubject.NO_PATIENT)).withDetail("patient-view from "
                    + call.issuer() + " for " + clip(request.userId()) + ": " + cards.size() + " card(s)"
                    + (mrn.isEmpty() ? "; the EHR's patient has no MRN StrokeScan knows" : "")));
            return cards;
        } catch (HookRefused refused) {
            throw refusedAfterTrust(call, refused);
        }
    }

    /**
     * Stores what the EHR's users did with our cards. All of the request is checked before anything is stored; a
     * resent outcome is stored once.
     *
     * @return how many outcomes were new
     * @throws HookRefused 401 (token) or 400 (request, e.g. a card StrokeScan did not give this EHR)
     */
    public int feedback(String authorization, String baseUrl, String serviceId, String body) throws HookRefused {
        EhrTrust.VerifiedCall call = trusted(authorization, baseUrl + "/cds-services/" + serviceId + "/feedback");
        try {
            if (!PATIENT_VIEW.equals(serviceId)) {
                throw new HookRefused(404, "no service " + clip(serviceId), "No such CDS service.");
            }
            List<CardFeedback> received = parseFeedback(call, body);
            int stored = 0;
            for (CardFeedback feedback : received) {
                if (repository.feedbackExists(feedback.cardUuid(), feedback.outcome(), feedback.outcomeAt())) {
                    continue;
                }
                repository.persist(feedback);
                stored++;
                String patient = repository.card(feedback.cardUuid())
                        .flatMap(card -> examinations.examination(card.examinationId()))
                        .map(Examination::patientId).orElse(null);
                audit.recordFor(ACTOR, List.of(), AuditEntry.success(AuditAction.CDS_FEEDBACK_RECEIVED,
                        AuditSubject.patient(patient)).withDetail("card " + feedback.cardUuid() + " "
                        + feedback.outcome().name().toLowerCase(Locale.ROOT) + (feedback.overrideCode() == null ? ""
                        : " (" + feedback.overrideCode() + ")") + " at " + call.issuer()));
            }
            return stored;
        } catch (HookRefused refused) {
            throw refusedAfterTrust(call, refused);
        }
    }

    /** A call refused before its body was read (too large, no length): audited as the hooks' own refusals are. */
    public void bodyRefused(int status, String detail) {
        refused(Optional.empty(), new HookRefused(status, detail, detail));
    }

    private EhrTrust.VerifiedCall trusted(String authorization, String audience) throws HookRefused {
        EhrTrust.VerifiedCall call;
        try {
            call = settings.trust().verify(authorization, audience);
        } catch (IllegalArgumentException misconfigured) {
            LOG.severe(() -> "event=cds.configuration " + misconfigured.getMessage());
            throw refused(EhrTrust.claimedIssuer(authorization),
                    HookRefused.token("StrokeScan's list of trusted EHRs cannot be read"));
        } catch (HookRefused refused) {
            throw refused(EhrTrust.claimedIssuer(authorization), refused);
        }
        boolean first;
        try {
            first = replay.firstUse(tokenId(call), call.expiresAt());
        } catch (EJBException concurrentCopy) {
            first = false;
        }
        if (!first) {
            throw refused(Optional.of(call.issuer()), HookRefused.token("jti used before (a replayed token)"));
        }
        return call;
    }

    /**
     * Logs and audits a refusal. Its subject is the EHR that called — as verified, or as its token claims (clipped,
     * for the record only) — since a refused call is about no patient StrokeScan would name.
     */
    private HookRefused refused(Optional<String> issuer, HookRefused refused) {
        String ehr = issuer.map(i -> "EHR " + clip(i)).orElse(UNIDENTIFIED_EHR);
        LOG.info(() -> "event=cds.refused status=" + refused.status() + " ehr=\"" + ehr + "\" reason=\""
                + refused.reason() + "\"");
        audit.recordFor(ACTOR, List.of(), AuditEntry.failure(AuditAction.CDS_HOOK_REFUSED, ehr,
                "HTTP " + refused.status() + ": " + refused.reason()));
        return refused;
    }

    private HookRefused refusedAfterTrust(EhrTrust.VerifiedCall call, HookRefused refused) {
        return refused(Optional.of(call.issuer()), refused);
    }

    /** The patient's MRN: from the prefetched Patient, else read from an allowed FHIR server; empty when unknown. */
    private Optional<String> mrn(PatientViewRequest request) throws HookRefused {
        if (request.prefetchedPatient().isPresent()) {
            try {
                return patients.mrnIn(request.prefetchedPatient().get());
            } catch (IllegalArgumentException e) {
                throw HookRefused.request("\"prefetch.patient\" is not a FHIR Patient.");
            }
        }
        String server = request.fhirServer().orElseThrow(() -> new HookRefused(412, "neither prefetch nor fhirServer",
                "Send the patient as prefetch \"patient\" (Patient/{{context.patientId}}), or fhirServer with "
                        + "fhirAuthorization."));
        if (!settings.fhirServerAllowed(server)) {
            throw new HookRefused(412, "fhirServer not on strokescan.cds.fhir-servers: " + clip(server),
                    "StrokeScan reads patients only from the FHIR servers it is configured for; send the patient as "
                            + "prefetch instead.");
        }
        try {
            return patients.readMrn(server, request.patientId(), request.accessToken().orElse(null));
        } catch (EhrPatients.Unreadable e) {
            throw new HookRefused(412, e.getMessage(), "The patient could not be read from fhirServer.");
        }
    }

    private List<Card> cards(EhrTrust.VerifiedCall call, String mrn, String baseUrl) {
        Instant now = Instant.now();
        PatientViewCards writer = new PatientViewCards(settings.zone());
        LocalDate today = LocalDate.ofInstant(now, settings.zone());
        List<Card> cards = new ArrayList<>();
        List<PatientStudy> studies = examinations.ofPatientSince(mrn, now.minus(settings.lookback()),
                settings.maxCards());
        for (PatientStudy study : studies) {
            writer.draft(study, today).ifPresent(draft -> {
                String token = launchToken();
                IssuedCard issued = new IssuedCard(study.examination().id(), call.issuer(), draft.indicator(), now,
                        sha256(token), now.plus(settings.launchLifetime()));
                repository.persist(issued);
                cards.add(new Card(issued.uuid(), draft.summary(), draft.detail(), draft.indicator().json(),
                        new Card.Source(draft.sourceLabel(), baseUrl + "/model.xhtml"),
                        List.of(new Card.Link("Open this study in StrokeScan",
                                baseUrl + "/launch.xhtml?token=" + token, "absolute")),
                        PatientViewCards.OVERRIDE_REASONS));
            });
        }
        // the most urgent first; newest first within (the studies came newest first)
        cards.sort(Comparator.comparing((Card c) -> CardIndicator.of(c.indicator()).ordinal()).reversed());
        return cards;
    }

    private List<CardFeedback> parseFeedback(EhrTrust.VerifiedCall call, String body) throws HookRefused {
        JsonArray items;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            items = reader.readObject().getJsonArray("feedback");
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            throw HookRefused.request("The request body is not a JSON object with a \"feedback\" list.");
        }
        if (items == null || items.isEmpty()) {
            throw HookRefused.request("\"feedback\" must list at least one card's outcome.");
        }
        List<CardFeedback> feedback = new ArrayList<>();
        Instant now = Instant.now();
        for (JsonValue value : items) {
            try {
                JsonObject item = value.asJsonObject();
                String uuid = item.getString("card", "");
                IssuedCard card = repository.card(uuid).filter(c -> c.issuer().equals(call.issuer()))
                        .orElseThrow(() -> HookRefused.request("No card " + clip(uuid) + " was given to this EHR."));
                FeedbackOutcome outcome = FeedbackOutcome.of(item.getString("outcome", "")).orElseThrow(
                        () -> HookRefused.request("\"outcome\" must be \"accepted\" or \"overridden\"."));
                Instant at = OffsetDateTime.parse(item.getString("outcomeTimestamp")).toInstant();
                JsonObject override = item.containsKey("overrideReason") ? item.getJsonObject("overrideReason") : null;
                JsonObject reason = override != null && override.containsKey("reason")
                        ? override.getJsonObject("reason") : null;
                String comment = override == null ? null : override.getString("userComment", null);
                if (outcome == FeedbackOutcome.ACCEPTED && override != null) {
                    throw HookRefused.request("An accepted card has no overrideReason.");
                }
                if (comment != null && comment.length() > CardFeedback.MAX_COMMENT_LENGTH) {
                    throw HookRefused.request("\"userComment\" takes at most " + CardFeedback.MAX_COMMENT_LENGTH
                            + " characters.");
                }
                String code = reason == null ? null : clip(reason.getString("code", null), 64);
                String display = reason == null ? null : clip(reason.getString("display", null), 256);
                feedback.add(new CardFeedback(card, outcome, code, display, comment, at, now));
            } catch (ClassCastException | NullPointerException | DateTimeParseException e) {
                throw HookRefused.request("Each feedback item needs \"card\", \"outcome\" and an ISO 8601 "
                        + "\"outcomeTimestamp\"; \"overrideReason\" is an object with \"reason\" (a Coding) and "
                        + "\"userComment\".");
            }
        }
        return feedback;
    }

    private static String tokenId(EhrTrust.VerifiedCall call) {
        return sha256(call.issuer() + "\u0000" + call.jti());
    }

    private static String launchToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Text from the EHR for a log line or an audit detail: printable, short. */
    private static String clip(String text) {
        return clip(text, 64);
    }

    private static String clip(String text, int max) {
        if (text == null) {
            return null;
        }
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= max ? printable : printable.substring(0, max - 1) + "…";
    }
}
