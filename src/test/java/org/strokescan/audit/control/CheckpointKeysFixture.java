package org.strokescan.audit.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** Ed25519 key pairs made by the test, written as openssl writes them (PKCS#8 and X.509 PEM). */
public final class CheckpointKeysFixture {

    private CheckpointKeysFixture() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String privatePem(KeyPair pair) {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    public static Path writePublicKey(KeyPair pair, Path file) throws IOException {
        return Files.writeString(file, CheckpointKeys.pem(pair.getPublic()), StandardCharsets.US_ASCII);
    }

    public static CheckpointSigner signer(KeyPair pair) {
        try {
            return CheckpointSigner.of(pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
