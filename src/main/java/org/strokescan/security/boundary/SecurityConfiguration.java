package org.strokescan.security.boundary;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;
import org.strokescan.platform.Role;

/**
 * Two ways in, one identity store: pages use our own PrimeFaces login form (unauthenticated page requests are
 * redirected there); the REST API under {@code /api/} uses HTTP Basic. {@link LoginMechanismByPath} picks one.
 */
@CustomFormAuthenticationMechanismDefinition(
        qualifiers = PageLogin.class,
        loginToContinue = @LoginToContinue(loginPage = "/login.xhtml", errorPage = "", useForwardToLogin = false))
@BasicAuthenticationMechanismDefinition(qualifiers = ApiLogin.class, realmName = "StrokeScan API")
@DeclareRoles({Role.CLINICIAN_NAME, Role.AUDITOR_NAME, Role.ADMIN_NAME, Role.INTEGRATION_NAME})
@ApplicationScoped
public class SecurityConfiguration {
}
