package org.strokescan.security.entity;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A page of this application to return to after sign-in, e.g. {@code /clinician/examination.xhtml?id=…}: a path
 * inside the application (the caller prepends the context path), never an address elsewhere. Only a page path of
 * lower-case segments ending in {@code .xhtml} with a plain query is taken, so no scheme, host, {@code //},
 * backslash, {@code ..} or line break can get through; the sign-in and error pages are no place to return to.
 */
public record ReturnPath(String path) {

    static final int MAX_LENGTH = 256;
    private static final Pattern PAGE = Pattern.compile("(/[a-z][a-z0-9-]*)+\\.xhtml(\\?[A-Za-z0-9._~%=&-]*)?");

    public ReturnPath {
        if (path == null || path.length() > MAX_LENGTH || !PAGE.matcher(path).matches()
                || path.startsWith("/login.xhtml") || path.startsWith("/error/")) {
            throw new IllegalArgumentException("not a page of this application to return to");
        }
    }

    /** The path if it is one to return to; empty for anything else (absent, foreign, malformed, too long). */
    public static Optional<ReturnPath> of(String path) {
        try {
            return Optional.of(new ReturnPath(path));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
