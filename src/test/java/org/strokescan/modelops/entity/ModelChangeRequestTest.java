package org.strokescan.modelops.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Four eyes: one administrator asks, another approves; a decided or overtaken request cannot be approved. */
class ModelChangeRequestTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private static ModelChangeRequest promotion() {
        return new ModelChangeRequest(ChangeKind.PROMOTION, "m/1.3.0", "m/2.0.0", "better on site B", "admin", T0);
    }

    @Test
    void theAdministratorWhoAskedCannotApprove() {
        ModelChangeRequest request = promotion();
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> request.approve("admin", null, "m/2.0.0", T0));
        assertTrue(refused.getMessage().contains("second administrator"), refused.getMessage());
        assertEquals(RequestState.PENDING, request.state(), "still waiting for another administrator");
    }

    @Test
    void aSecondAdministratorApprovesAndTheActivationNamesBoth() {
        ModelChangeRequest request = promotion();
        request.approve("admin2", "checked the comparison", "m/2.0.0", T0.plusSeconds(60));
        assertEquals(RequestState.APPROVED, request.state());
        assertEquals("admin2", request.decidedBy());
        ModelActivation activation = ModelActivation.active(request, T0.plusSeconds(60));
        assertEquals(ModelSlot.ACTIVE, activation.slot());
        assertEquals(Optional.of("m/1.3.0"), activation.modelId());
        assertEquals("admin", activation.changedBy());
        assertEquals(Optional.of("admin2"), activation.approvedBy());
        assertEquals("better on site B", activation.reason());
        assertThrows(IllegalStateException.class, () -> request.approve("admin3", null, "m/1.3.0", T0),
                "an approved request is decided");
    }

    @Test
    void aRequestOvertakenByAnotherChangeBecomesStale() {
        ModelChangeRequest request = promotion();
        IllegalStateException stale = assertThrows(IllegalStateException.class,
                () -> request.approve("admin2", null, "m/1.0.0", T0));
        assertTrue(stale.getMessage().contains("changed to m/1.0.0"), stale.getMessage());
        assertEquals(RequestState.STALE, request.state());
    }

    @Test
    void rejectedByAnotherWithdrawnByTheOneWhoAsked() {
        ModelChangeRequest rejected = promotion();
        rejected.reject("admin2", "not enough signed studies", T0);
        assertEquals(RequestState.REJECTED, rejected.state());
        ModelChangeRequest withdrawn = promotion();
        withdrawn.reject("admin", null, T0);
        assertEquals(RequestState.WITHDRAWN, withdrawn.state());
        assertThrows(IllegalStateException.class, () -> withdrawn.approve("admin2", null, "m/2.0.0", T0));
        assertThrows(IllegalStateException.class, () -> ModelActivation.active(withdrawn, T0),
                "only an approved request activates a model");
    }

    @Test
    void everyChangeHasAReasonAndChangesSomething() {
        assertThrows(IllegalArgumentException.class,
                () -> new ModelChangeRequest(ChangeKind.ROLLBACK, "m/1.0.0", "m/2.0.0", " ", "admin", T0));
        assertThrows(IllegalArgumentException.class,
                () -> new ModelChangeRequest(ChangeKind.ROLLBACK, "m/1.0.0", "m/2.0.0", "x".repeat(501), "admin", T0));
        assertThrows(IllegalArgumentException.class,
                () -> new ModelChangeRequest(ChangeKind.ROLLBACK, "m/2.0.0", "m/2.0.0", "again", "admin", T0));
        assertThrows(IllegalArgumentException.class, () -> ModelActivation.shadow("m/1.0.0", "admin", "", T0));
        assertEquals(Optional.empty(), ModelActivation.shadow(null, "admin", "stop", T0).modelId(),
                "a shadow row without a model clears the shadow");
    }
}
