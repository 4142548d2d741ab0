package org.strokescan.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Holds the one configured {@link PasswordHasher}, so its decoy hash is computed once per server. */
@ApplicationScoped
public class PasswordHashing {

    @Inject
    @ConfigProperty(name = "strokescan.security.pbkdf2-iterations", defaultValue = "600000")
    int iterations;

    private volatile PasswordHasher hasher;

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
}
