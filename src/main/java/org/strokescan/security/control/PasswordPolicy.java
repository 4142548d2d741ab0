package org.strokescan.security.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.strokescan.security.entity.AccountRejection.Reason;

/**
 * Password rules after OWASP ASVS 5 (V6.2): at least 12 and at most 128 characters, any characters
 * allowed, no composition rules, and not a common password — also not one dressed up with a few
 * trailing digits or symbols ("password1234!") — and not containing the username.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    private static final String COMMON_LIST = "common-passwords.txt";

    private final Set<String> common;

    private PasswordPolicy(Set<String> common) {
        this.common = common;
    }

    /** The policy with the bundled list of 30,000 common passwords. */
    public static PasswordPolicy withBundledList() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_LIST)) {
            if (in == null) {
                throw new IllegalStateException(COMMON_LIST + " is missing from the class path");
            }
            Set<String> words = new HashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    words.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
            return new PasswordPolicy(Set.copyOf(words));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Reason> check(String password, String username) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of(Reason.PASSWORD_TOO_SHORT);
        }
        if (length > MAX_LENGTH) {
            return Optional.of(Reason.PASSWORD_TOO_LONG);
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && username.length() >= 3 && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of(Reason.PASSWORD_CONTAINS_USERNAME);
        }
        if (isCommon(lower)) {
            return Optional.of(Reason.PASSWORD_TOO_COMMON);
        }
        return Optional.empty();
    }

    private boolean isCommon(String lower) {
        if (common.contains(lower)) {
            return true;
        }
        String stem = lower.replaceAll("[^\\p{L}]+$", "").replaceAll("^[^\\p{L}]+", "");
        if (stem.length() >= 4 && common.contains(stem)) {
            return true;
        }
        // a common word repeated ("passwordpassword") is no stronger than the word
        for (int unit = 4; unit <= lower.length() / 2; unit++) {
            if (lower.length() % unit == 0 && lower.equals(lower.substring(0, unit).repeat(lower.length() / unit))) {
                return true;
            }
        }
        return false;
    }
}
