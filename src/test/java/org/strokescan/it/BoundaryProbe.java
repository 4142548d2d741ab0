package org.strokescan.it;

import jakarta.ejb.EJBAccessException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditQuery;
import org.strokescan.examination.boundary.DepartmentStudies;
import org.strokescan.examination.boundary.Examinations;
import org.strokescan.examination.boundary.PredictionHistory;
import org.strokescan.examination.boundary.Predictions;
import org.strokescan.examination.boundary.Worklist;
import org.strokescan.examination.entity.DicomStudy;
import org.strokescan.examination.entity.ExaminationQuery;
import org.strokescan.examination.entity.PredictionQuery;
import org.strokescan.fhir.boundary.Deliveries;
import org.strokescan.modelops.boundary.ModelOperations;
import org.strokescan.pacs.boundary.DicomReceiver;
import org.strokescan.monitoring.boundary.DriftWatch;
import org.strokescan.fhir.boundary.ReportStates;
import org.strokescan.inference.boundary.Classifier;
import org.strokescan.platform.Role;
import org.strokescan.security.boundary.Accounts;
import org.strokescan.security.boundary.CallerResource;
import org.strokescan.security.boundary.LoginAttempts;
import org.strokescan.security.boundary.SignInGuard;

/**
 * Test-only servlet, added to the deployment by the IT: calls every boundary method as the current caller
 * (anonymous or whoever signed in on this session) and reports ALLOWED or DENIED per method. The calls use
 * arguments that fail on business rules after the role check, so probing changes nothing (but for the audit
 * record of a chain verification). AuditTrail.record is open to all by design and left out: it would write.
 */
@WebServlet("/it/boundary-probe")
@ServletSecurity(@HttpConstraint(ServletSecurity.EmptyRoleSemantic.PERMIT))
public class BoundaryProbe extends HttpServlet {

    static final String NO_SUCH_USER = "no-such-user-for-probe";

    @Inject
    Accounts accounts;

    @Inject
    LoginAttempts loginAttempts;

    @Inject
    AuditTrail auditTrail;

    @Inject
    CallerResource callerResource;

    @Inject
    Classifier classifier;

    @Inject
    Predictions predictions;

    @Inject
    PredictionHistory predictionHistory;

    @Inject
    Examinations examinations;

    @Inject
    SignInGuard signInGuard;

    @Inject
    Deliveries deliveries;

    @Inject
    ReportStates reportStates;

    @Inject
    DriftWatch driftWatch;

    @Inject
    ModelOperations modelOperations;

    @Inject
    Worklist worklist;

    @Inject
    DepartmentStudies departmentStudies;

    @Inject
    DicomReceiver dicomReceiver;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Runnable> calls = new LinkedHashMap<>();
        calls.put("Accounts.authenticate", () -> accounts.authenticate(NO_SUCH_USER, "not the password", "192.0.2.1"));
        calls.put("Accounts.sessionState", () -> accounts.sessionState(NO_SUCH_USER));
        calls.put("Accounts.mustChangePassword", accounts::mustChangePassword);
        calls.put("Accounts.changeOwnPassword", () -> accounts.changeOwnPassword("wrong current password", "x"));
        calls.put("Accounts.list", accounts::list);
        calls.put("Accounts.create", () -> accounts.create("!", "Probe", Set.of(Role.CLINICIAN)));
        calls.put("Accounts.setEnabled", () -> accounts.setEnabled(NO_SUCH_USER, false));
        calls.put("Accounts.assignRoles", () -> accounts.assignRoles(NO_SUCH_USER, Set.of(Role.CLINICIAN)));
        calls.put("Accounts.resetPassword", () -> accounts.resetPassword(NO_SUCH_USER));
        calls.put("Accounts.unlock", () -> accounts.unlock(NO_SUCH_USER));
        calls.put("Accounts.signInAlert", accounts::signInAlert);
        calls.put("SignInGuard.recentAlert", signInGuard::recentAlert);
        calls.put("LoginAttempts.record", () -> loginAttempts.record(-1, false, null, Instant.now(), false));
        calls.put("AuditTrail.verify", auditTrail::verify);
        calls.put("AuditTrail.search", () -> auditTrail.search(AuditQuery.ALL, 0, 1, "seq", false));
        calls.put("AuditTrail.count", () -> auditTrail.count(AuditQuery.ALL));
        calls.put("CallerResource.me", callerResource::me);
        calls.put("Classifier.classify", () -> classifier.classify(new byte[0]));
        calls.put("Predictions.find", () -> predictions.find("no-such-prediction"));
        calls.put("Predictions.heatmap", () -> predictions.heatmap("no-such-prediction", key -> true));
        calls.put("Predictions.image", () -> predictions.image("no-such-prediction", key -> true));
        calls.put("PredictionHistory.count", () -> predictionHistory.count(PredictionQuery.ALL));
        ExaminationQuery anyExamination = new ExaminationQuery(null, null, null, null, null, null);
        calls.put("Examinations.start", () -> examinations.start("bad mrn!", null, null));
        calls.put("Examinations.addSlice", () -> examinations.addSlice("no-such-examination", new byte[0], "x.png"));
        calls.put("Examinations.open", () -> examinations.open("no-such-examination"));
        calls.put("Examinations.sign", () -> examinations.sign("no-such-examination", true, null));
        calls.put("Examinations.amend", () -> examinations.amend("no-such-examination", true, null));
        calls.put("Examinations.search", () -> examinations.search(anyExamination, 0, 1, "createdAt", false));
        calls.put("Examinations.count", () -> examinations.count(anyExamination));
        calls.put("Deliveries.search", () -> deliveries.search(null, 0, 1));
        calls.put("Deliveries.count", () -> deliveries.count(null));
        calls.put("Deliveries.retry", () -> deliveries.retry("no-such-message"));
        calls.put("Deliveries.cancel", () -> deliveries.cancel("no-such-message"));
        calls.put("ReportStates.latest", () -> reportStates.latest("no-such-examination"));
        calls.put("ReportStates.latestOfAny", () -> reportStates.latestOfAny("no-such-examination"));
        calls.put("PredictionHistory.examination", () -> predictionHistory.examination("no-such-examination"));
        calls.put("PredictionHistory.image", () -> predictionHistory.image("no-such-prediction", key -> true));
        calls.put("PredictionHistory.statistics", () -> predictionHistory.statistics(PredictionQuery.ALL));
        calls.put("DriftWatch.current", () -> driftWatch.current(1));
        calls.put("DriftWatch.alarmRaised", driftWatch::alarmRaised);
        calls.put("DriftWatch.history", () -> driftWatch.history(1));
        calls.put("ModelOperations.models", modelOperations::models);
        calls.put("ModelOperations.activations", () -> modelOperations.activations(1));
        calls.put("ModelOperations.setShadow", () -> modelOperations.setShadow("none-here/1.0.0", "probe"));
        calls.put("ModelOperations.requestPromotion", () -> modelOperations.requestPromotion(null));
        calls.put("ModelOperations.approve", () -> modelOperations.approve("no-such-request", null));
        calls.put("Worklist.entries", worklist::entries);
        calls.put("DepartmentStudies.arrive", () -> departmentStudies.arrive(new DicomStudy("1.2.3", "MRN-PROBE", null,
                null, null, null, null)));
        calls.put("DicomReceiver.store", () -> dicomReceiver.store(List.of(), Optional.empty()));
        calls.put("ModelOperations.compare", () -> modelOperations.compare(Instant.EPOCH, Instant.EPOCH.plusSeconds(1)));
        response.setContentType("text/plain;charset=UTF-8");
        StringBuilder report = new StringBuilder();
        calls.forEach((name, call) -> report.append(name).append('=').append(outcome(call)).append('\n'));
        response.getWriter().write(report.toString());
    }

    private static String outcome(Runnable call) {
        try {
            call.run();
            return "ALLOWED";
        } catch (EJBAccessException e) {
            return "DENIED";
        } catch (RuntimeException e) {
            // a business-rule rejection comes after the role check passed
            return isAccessDenial(e) ? "DENIED" : "ALLOWED";
        }
    }

    private static boolean isAccessDenial(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EJBAccessException) {
                return true;
            }
        }
        return false;
    }
}
