package org.strokescan.security.control;

import java.security.SecureRandom;

/** Random passwords for seeded accounts and administrator resets: 20 characters, about 116 bits. */
public final class PasswordGenerator {

    /** No look-alikes (0/O, 1/l/I) so a password read off a screen is typed right the first time. */
    private static final char[] ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final int LENGTH = 20;

    private final SecureRandom random = new SecureRandom();

    public String next() {
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return password.toString();
    }
}
