package org.strokescan.fhir.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.strokescan.fhir.control.Backoff;

/** The life of a report message, and the waits between its attempts. */
class OutboxMessageTest {

    private final Instant now = Instant.parse("2026-11-27T10:00:00Z");
    private final OutboxMessage message = new OutboxMessage("m-1", "e-1", 1, ReportKind.FINAL, "MRN-1", now, "{}");

    @Test
    void aFailedAttemptWaitsAndTheLastOneParksTheMessage() {
        message.attemptFailed(now, "HTTP 500", Duration.ofSeconds(2));
        assertEquals(DeliveryState.PENDING, message.state());
        assertEquals(now.plusSeconds(2), message.nextAttemptAt());
        message.attemptFailed(now, "HTTP 422", null);
        assertEquals(DeliveryState.FAILED, message.state());
        assertEquals(2, message.attempts());
        assertEquals("HTTP 422", message.lastError());
    }

    @Test
    void aRetryStartsOverAndDeliveryClearsTheError() {
        message.attemptFailed(now, "refused", null);
        message.retry(now.plusSeconds(60));
        assertEquals(DeliveryState.PENDING, message.state());
        assertEquals(0, message.attempts());
        message.delivered(now.plusSeconds(61), "DiagnosticReport/1/_history/1");
        assertEquals(DeliveryState.SENT, message.state());
        assertNull(message.lastError());
        assertThrows(IllegalStateException.class, () -> message.retry(now), "a sent message is never sent again");
        assertThrows(IllegalStateException.class, message::cancel);
        assertThrows(IllegalStateException.class, message::supersede);
    }

    @Test
    void onlyAnUntriedMessageTakesANewerBundle() {
        message.replaceBundle("{\"resourceType\":\"Bundle\"}");
        assertEquals("{\"resourceType\":\"Bundle\"}", message.bundle());
        message.attemptFailed(now, "HTTP 500", Duration.ofSeconds(1));
        assertThrows(IllegalStateException.class, () -> message.replaceBundle("{}"),
                "what the EHR may already have received is never changed");
    }

    @Test
    void waitsDoubleWithJitterUpToTheLongestAndStopAtTheLastAttempt() {
        Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(10), 5);
        Random random = new Random(7);
        for (int attempt = 1; attempt <= 4; attempt++) {
            long expected = Math.min(10_000, 2_000L << (attempt - 1));
            long wait = backoff.after(attempt, random).toMillis();
            assertEquals(expected, wait, expected * 0.2 + 1, "attempt " + attempt);
        }
        assertNull(backoff.after(5, random), "no sixth attempt");
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 3));
    }
}
