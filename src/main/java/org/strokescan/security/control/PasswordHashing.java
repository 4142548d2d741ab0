package org.strokescan.security.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Holds the one configured {@link PasswordHasher}, so its decoy hash is computed once per server, and the
 * server's memory of recently verified API credentials.
 */
@ApplicationScoped
public class PasswordHashing {

    @Inject
    @ConfigProperty(name = "strokescan.security.pbkdf2-iterations")
    int iterations;

    /** 0 turns the memory off: every API request is then checked by PBKDF2 and recorded as a sign-in. */
    @Inject
    @ConfigProperty(name = "strokescan.security.api-credential-cache-seconds")
    int apiCredentialCacheSeconds;

    private volatile PasswordHasher hasher;
    private VerifiedCredentials verified;

    @PostConstruct
    void init() {
        verified = new VerifiedCredentials(Duration.ofSeconds(apiCredentialCacheSeconds), 10_000);
    }

    public PasswordHasher hasher() {
        PasswordHasher current = hasher;
        if (current == null) {
            synchronized (this) {
                if (hasher == null) {
                    hasher = new PasswordHasher(iterations);
                }
                current = hasher;
            }
        }
        return current;
    }

    public VerifiedCredentials verified() {
        return verified;
    }
}
