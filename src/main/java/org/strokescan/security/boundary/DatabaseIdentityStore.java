package org.strokescan.security.boundary;

import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.strokescan.platform.ClientAddress;
import org.strokescan.security.entity.LoginOutcome;
import org.strokescan.security.entity.LoginResult;

/** Jakarta Security identity store backed by our account table; roles become the caller's groups. */
@ApplicationScoped
public class DatabaseIdentityStore implements IdentityStore {

    private static final Logger LOG = Logger.getLogger(DatabaseIdentityStore.class.getName());

    @Inject
    Accounts accounts;

    @Inject
    HttpServletRequest request;

    @Inject
    SignedInSessions sessions;

    @Inject
    ClientAddress clientAddress;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        String username = credential.getCaller() == null ? "" : credential.getCaller().strip().toLowerCase(Locale.ROOT);
        LoginResult result;
        try {
            // the REST API sends the password with every request; a page sign-in happens once per session
            String password = credential.getPasswordAsString();
            String source = clientAddress.of(request);
            result = LoginMechanismByPath.isApiRequest(request) ? accounts.authenticateApi(username, password, source)
                    : accounts.authenticate(username, password, source);
        } catch (EJBException e) {
            // e.g. two failed attempts on one account at once (optimistic lock): fail closed, never a 500
            LOG.log(Level.WARNING, "event=login.error the login check failed; access denied", e);
            return CredentialValidationResult.INVALID_RESULT;
        }
        if (result.outcome() == LoginOutcome.PASSWORD_CHANGE_REQUIRED) {
            // the caller knows the password already: telling them why it is refused gives nothing away
            request.setAttribute(LoginMechanismByPath.REFUSAL_DETAIL, "The password of this account was issued by an "
                    + "administrator; choose your own in the web app before using the REST API.");
        }
        if (result.outcome() == LoginOutcome.ISSUED_PASSWORD_EXPIRED) {
            request.setAttribute(LoginMechanismByPath.ISSUED_PASSWORD_EXPIRED, Boolean.TRUE);
            request.setAttribute(LoginMechanismByPath.REFUSAL_DETAIL, "The password an administrator issued for this "
                    + "account has expired; ask an administrator for a new one.");
        }
        if (result.outcome() == LoginOutcome.THROTTLED) {
            long seconds = Math.max(1, result.retryAfter().toSeconds());
            request.setAttribute(LoginMechanismByPath.RETRY_AFTER_SECONDS, seconds);
            request.setAttribute(LoginMechanismByPath.REFUSAL_DETAIL, "Too many failed sign-ins from this address or "
                    + "for this username; nothing was checked. Try again in " + seconds + " s.");
        }
        if (!result.succeeded()) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        sessions.verified(request, username, result.sessionGeneration());
        return new CredentialValidationResult(username,
                result.roles().stream().map(Enum::name).collect(Collectors.toSet()));
    }
}
