package org.strokescan.it;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Plays a trusted EHR from the command line, for trying the EHR hooks by hand (README "EHR hooks") and for the
 * latency benchmark: an ES384 key pair kept in a folder (made on first use; the private key readable by its owner
 * only, the public JWKS beside it for {@code STROKESCAN_CDS_TRUSTED_EHRS}), and a signed JWT for one call.
 *
 * <pre>
 * mvn -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-classpath %classpath org.strokescan.it.CdsTestEhr http://localhost:8080/cds-services/strokescan-patient-view /tmp/token"
 * </pre>
 */
public final class CdsTestEhr {

    public static final String ISSUER = "https://ehr.test.strokescan.org";

    private final ECKey key;

    private CdsTestEhr(ECKey key) {
        this.key = key;
    }

    /**
     * The key pair in {@code folder} ({@code ehr-private-jwk.json}), its public half published beside it as
     * {@code ehr-jwks.json}, where the server under test reads the trusted EHR's keys.
     */
    public static CdsTestEhr in(Path folder) throws Exception {
        Path privateKey = folder.resolve("ehr-private-jwk.json");
        ECKey key;
        if (Files.exists(privateKey)) {
            key = ECKey.parse(Files.readString(privateKey));
        } else {
            Files.createDirectories(folder);
            key = new ECKeyGenerator(Curve.P_384).keyID("test-ehr-" + UUID.randomUUID().toString().substring(0, 8))
                    .generate();
            Files.writeString(privateKey, key.toJSONString());
            Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
        }
        // written each time: another test may have published its own key there since
        Files.writeString(folder.resolve("ehr-jwks.json"), new JWKSet(key).toPublicJWKSet().toString());
        return new CdsTestEhr(key);
    }

    /** A JWT for one call to {@code audience} (the URL called), valid for four minutes, with a fresh {@code jti}. */
    public String token(String audience) throws Exception {
        return token(audience, ISSUER);
    }

    /** As {@link #token(String)}, naming another issuer: an EHR StrokeScan was not told to trust. */
    public String token(String audience, String issuer) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), new JWTClaimsSet.Builder().issuer(issuer).audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(240)))
                .jwtID(UUID.randomUUID().toString()).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    /**
     * Writes a token for the URL given to the file given (Maven's own output around stdout would spoil a header);
     * the keys live in {@code -Dcds.keys} (default {@code data/cds-test-ehr}).
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: CdsTestEhr <the service URL the token is for> <file to write it to>");
            System.exit(2);
        }
        String token = in(Path.of(System.getProperty("cds.keys", "data/cds-test-ehr"))).token(args[0]);
        Files.writeString(Path.of(args[1]), token);
    }
}
