package org.strokescan.security.boundary;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;
import org.strokescan.security.entity.Role;

/** Form login on our own PrimeFaces page; unauthenticated page requests are redirected there. */
@CustomFormAuthenticationMechanismDefinition(
        loginToContinue = @LoginToContinue(loginPage = "/login.xhtml", errorPage = "", useForwardToLogin = false))
@DeclareRoles({Role.CLINICIAN_NAME, Role.AUDITOR_NAME, Role.ADMIN_NAME})
@ApplicationScoped
public class SecurityConfiguration {
}
