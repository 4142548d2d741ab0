package org.strokescan.cds.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EhrTrustTest {

    static final String ISS = "https://ehr.example.org";
    static final String AUD = "https://strokescan.example.org/cds-services/strokescan-patient-view";
    static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    static RSAKey rsa;
    static ECKey ec;

    @TempDir
    Path folder;

    @BeforeAll
    static void keys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_384).keyID("ec-1").generate();
    }

    private EhrTrust trust(JWK... published) throws Exception {
        Path jwks = folder.resolve("ehr-jwks.json");
        Files.writeString(jwks, new JWKSet(java.util.List.of(published)).toPublicJWKSet().toString());
        return EhrTrust.of(ISS + "=" + jwks, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(ISS).audience(AUD).issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plusSeconds(240))).jwtID(UUID.randomUUID().toString());
    }

    private static String signed(JWSAlgorithm algorithm, JWSSigner signer, String kid, JWTClaimsSet claims)
            throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).type(JOSEObjectType.JWT).build(),
                claims);
        jwt.sign(signer);
        return "Bearer " + jwt.serialize();
    }

    private static String rs384(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        return signed(JWSAlgorithm.RS384, new RSASSASigner(rsa), rsa.getKeyID(), change.apply(claims()).build());
    }

    private static String refusal(EhrTrust trust, String authorization) {
        HookRefused refused = assertThrows(HookRefused.class, () -> trust.verify(authorization, AUD));
        assertEquals(401, refused.status());
        assertEquals(HookRefused.TOKEN_DETAIL, refused.detail(), "the caller is not told which check failed");
        return refused.reason();
    }

    @Test
    void rs384AndEs384FromTheIssuersKeysAreAccepted() throws Exception {
        EhrTrust trust = trust(rsa, ec);
        EhrTrust.VerifiedCall call = trust.verify(rs384(c -> c.jwtID("jti-1")), AUD);
        assertEquals(ISS, call.issuer());
        assertEquals("jti-1", call.jti());
        assertEquals(NOW.plusSeconds(240), call.expiresAt());
        assertEquals(ISS, trust.verify(signed(JWSAlgorithm.ES384, new ECDSASigner(ec), ec.getKeyID(),
                claims().build()), AUD).issuer());
    }

    @Test
    void otherAlgorithmsAreRefusedEvenWithTheIssuersKey() throws Exception {
        EhrTrust trust = trust(rsa);
        assertTrue(refusal(trust, signed(JWSAlgorithm.RS256, new RSASSASigner(rsa), rsa.getKeyID(),
                claims().build())).contains("RS256"));
        byte[] secret = "a shared secret of thirty-two bytes!".getBytes(StandardCharsets.UTF_8);
        assertTrue(refusal(trust, signed(JWSAlgorithm.HS256, new MACSigner(secret), null, claims().build()))
                .contains("HS256"));
        String unsigned = Base64URL.encode("{\"alg\":\"none\"}") + "." + Base64URL.encode(claims().build().toString())
                + ".";
        assertTrue(refusal(trust, "Bearer " + unsigned).startsWith("not a signed JWT"));
    }

    @Test
    void aTokenSignedWithAnotherKeyOrFromAnotherIssuerIsRefused() throws Exception {
        EhrTrust trust = trust(rsa);
        RSAKey impostor = new RSAKeyGenerator(2048).keyID(rsa.getKeyID()).generate();
        assertTrue(refusal(trust, signed(JWSAlgorithm.RS384, new RSASSASigner(impostor), impostor.getKeyID(),
                claims().build())).startsWith("signature not verified"));
        assertTrue(refusal(trust, rs384(c -> c.issuer("https://attacker.example"))).startsWith("issuer not trusted"));
        assertTrue(refusal(trust, rs384(c -> c.issuer(null))).startsWith("no iss"));
    }

    @Test
    void timeAudienceAndIdAreChecked() throws Exception {
        EhrTrust trust = trust(rsa);
        assertTrue(refusal(trust, rs384(c -> c.expirationTime(Date.from(NOW.minus(Duration.ofMinutes(10))))))
                .startsWith("expired"));
        assertTrue(refusal(trust, rs384(c -> c.expirationTime(Date.from(NOW.plus(Duration.ofHours(1))))))
                .startsWith("exp more than five minutes"));
        assertTrue(refusal(trust, rs384(c -> c.issueTime(Date.from(NOW.plus(Duration.ofMinutes(10))))))
                .startsWith("iat in the future"));
        assertTrue(refusal(trust, rs384(c -> c.audience("https://strokescan.example.org/cds-services")))
                .startsWith("aud is not"));
        assertTrue(refusal(trust, rs384(c -> c.jwtID(null))).startsWith("exp, iat and jti are required"));
        // within the clock skew of a minute: accepted
        assertEquals(ISS, trust.verify(rs384(c -> c.expirationTime(Date.from(NOW.minusSeconds(30)))), AUD).issuer());
    }

    @Test
    void withoutABearerTokenNothingIsParsed() throws Exception {
        EhrTrust trust = trust(rsa);
        assertEquals("no bearer token", refusal(trust, null));
        assertEquals("no bearer token", refusal(trust, "Basic dXNlcjpwYXNz"));
        assertTrue(refusal(trust, "Bearer not.a.jwt").startsWith("not a signed JWT"));
    }

    @Test
    void aRotatedKeyIsReadFromTheChangedFile() throws Exception {
        EhrTrust trust = trust(rsa);
        trust.verify(rs384(c -> c), AUD);
        Path jwks = folder.resolve("ehr-jwks.json");
        Files.writeString(jwks, new JWKSet(ec).toPublicJWKSet().toString());
        Files.setLastModifiedTime(jwks, FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals(ISS, trust.verify(signed(JWSAlgorithm.ES384, new ECDSASigner(ec), ec.getKeyID(),
                claims().build()), AUD).issuer());
        assertTrue(refusal(trust, rs384(c -> c)).startsWith("signature not verified"), "the old key is gone");
    }

    @Test
    void aMissingJwksFileRefusesTheCallAndSaysWhy() throws Exception {
        EhrTrust trust = EhrTrust.of(ISS + "=" + folder.resolve("missing.json"), Clock.fixed(NOW, ZoneOffset.UTC));
        assertTrue(refusal(trust, rs384(c -> c)).contains("cannot be read"));
    }

    @Test
    void theTrustedListIsReadStrictly() {
        assertTrue(EhrTrust.of("", Clock.systemUTC()).issuers().isEmpty());
        assertEquals(java.util.Set.of(ISS, "ehr-b"), EhrTrust.of(ISS + "=/etc/a.json, ehr-b=https://ehr-b.example/jwks",
                Clock.systemUTC()).issuers());
        assertThrows(IllegalArgumentException.class, () -> EhrTrust.of("just-an-issuer", Clock.systemUTC()));
        assertThrows(IllegalArgumentException.class, () -> EhrTrust.of(ISS + "=http://ehr.example/jwks",
                Clock.systemUTC()), "keys over plain HTTP could be swapped on the way");
    }
}
