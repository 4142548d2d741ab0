package org.strokescan.cds.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a CDS Hooks call comes from an EHR we trust, as the specification asks: a JWT signed with RS384 or
 * ES384 (never {@code none}, never a shared HMAC secret) by a key in the JWKS of its issuer, which must be on our list;
 * {@code aud} the URL the EHR called; {@code exp} not passed and at most five minutes ahead; {@code iat} not in the
 * future; a {@code jti}. Whether the {@code jti} was seen before is the caller's part (it needs the database). The
 * verification itself is Nimbus JOSE+JWT's.
 */
public final class EhrTrust {

    /** What the specification requires every CDS Client to support; nothing else is accepted. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS384, JWSAlgorithm.ES384);
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    static final Duration LONGEST_LIFETIME = Duration.ofMinutes(5);

    /** A call whose token was verified: who sent it, and its token's id and expiry (for the replay check). */
    public record VerifiedCall(String issuer, String jti, Instant expiresAt) {
    }

    private final Map<String, JWKSource<SecurityContext>> issuers;
    private final Clock clock;

    private EhrTrust(Map<String, JWKSource<SecurityContext>> issuers, Clock clock) {
        this.issuers = Map.copyOf(issuers);
        this.clock = clock;
    }

    /**
     * @param trusted comma-separated {@code <iss>=<jwks>}, the JWKS a file path or an https URL (fetched when needed,
     *                cached, fetched again for a key it does not hold); empty = no EHR is trusted
     * @throws IllegalArgumentException naming the entry that cannot be read
     */
    public static EhrTrust of(String trusted, Clock clock) {
        Map<String, JWKSource<SecurityContext>> issuers = new LinkedHashMap<>();
        for (String entry : trusted.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                throw new IllegalArgumentException("strokescan.cds.trusted-ehrs: \"" + entry.strip()
                        + "\" is not <iss>=<jwks file or https URL>");
            }
            String issuer = entry.substring(0, equals).strip();
            String jwks = entry.substring(equals + 1).strip();
            issuers.put(issuer, source(issuer, jwks));
        }
        return new EhrTrust(issuers, clock);
    }

    private static JWKSource<SecurityContext> source(String issuer, String jwks) {
        if (jwks.startsWith("https://")) {
            try {
                return JWKSourceBuilder.create(URI.create(jwks).toURL()).retrying(true).build();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new IllegalArgumentException("strokescan.cds.trusted-ehrs: the JWKS URL of " + issuer
                        + " is not a URL: " + jwks, e);
            }
        }
        if (jwks.contains("://")) {
            throw new IllegalArgumentException("strokescan.cds.trusted-ehrs: the JWKS of " + issuer
                    + " must be a file or an https URL, not " + jwks);
        }
        return new FileJwks(Path.of(jwks));
    }

    /**
     * The issuer a token claims, unverified: only to name the caller of a refused call in the audit trail and log.
     */
    public static Optional<String> claimedIssuer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(authorization.substring(7).strip());
            return Optional.ofNullable(jwt.getJWTClaimsSet().getIssuer());
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    public Set<String> issuers() {
        return issuers.keySet();
    }

    /**
     * @param authorization the request's {@code Authorization} header (may be null)
     * @param audience      the URL the EHR called
     * @throws HookRefused (401) saying which check failed
     */
    public VerifiedCall verify(String authorization, String audience) throws HookRefused {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw HookRefused.token("no bearer token");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(authorization.substring(7).strip());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            // an unsigned token (alg "none") is refused here: it does not parse as a signed one
            throw HookRefused.token("not a signed JWT (" + e.getMessage() + ")");
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(algorithm)) {
            throw HookRefused.token("algorithm " + algorithm + " is not accepted (RS384 or ES384)");
        }
        String issuer = claims.getIssuer();
        JWKSource<SecurityContext> keys = issuer == null ? null : issuers.get(issuer);
        if (keys == null) {
            throw HookRefused.token(issuer == null ? "no iss" : "issuer not trusted: " + clip(issuer));
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        processor.setJWTClaimsSetVerifier((verified, context) -> checkClaims(verified, audience));
        try {
            processor.process(jwt, null);
        } catch (BadJWTException e) {
            throw HookRefused.token(e.getMessage() + " (iss " + clip(issuer) + ")");
        } catch (KeySourceException e) {
            throw HookRefused.token("the keys of " + clip(issuer) + " cannot be read: " + e.getMessage());
        } catch (BadJOSEException | JOSEException e) {
            throw HookRefused.token("signature not verified with the keys of " + clip(issuer) + ": " + e.getMessage());
        }
        return new VerifiedCall(issuer, claims.getJWTID(), claims.getExpirationTime().toInstant());
    }

    private void checkClaims(JWTClaimsSet claims, String audience) throws BadJWTException {
        Instant now = clock.instant();
        Date expiry = claims.getExpirationTime();
        Date issued = claims.getIssueTime();
        if (expiry == null || issued == null || claims.getJWTID() == null || claims.getJWTID().isBlank()) {
            throw new BadJWTException("exp, iat and jti are required");
        }
        if (!expiry.toInstant().plus(CLOCK_SKEW).isAfter(now)) {
            throw new BadJWTException("expired at " + expiry.toInstant());
        }
        if (expiry.toInstant().isAfter(now.plus(LONGEST_LIFETIME).plus(CLOCK_SKEW))) {
            throw new BadJWTException("exp more than five minutes ahead");
        }
        if (issued.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            throw new BadJWTException("iat in the future");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            throw new BadJWTException("aud is not " + audience);
        }
    }

    private static String clip(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 80 ? printable : printable.substring(0, 80) + "…";
    }
}
