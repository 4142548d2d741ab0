package org.strokescan.audit.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Reads the Ed25519 keys of audit checkpoints as {@code openssl} writes them: the private key PKCS#8 (PEM or DER),
 * the public key X.509 SubjectPublicKeyInfo (PEM or DER). All cryptography is the JDK's own.
 */
public final class CheckpointKeys {

    static final String ALGORITHM = "Ed25519";

    private CheckpointKeys() {
    }

    /**
     * The signing key from a configuration value: the PEM text itself (e.g. from a Payara password alias) or the
     * path of a PEM or DER file.
     */
    public static PrivateKey privateKey(String fileOrPem) throws IOException, GeneralSecurityException {
        byte[] der = fileOrPem.contains("-----BEGIN") ? fromPem(fileOrPem) : der(Path.of(fileOrPem.strip()));
        return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    public static PublicKey publicKey(Path file) throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(file)));
    }

    /**
     * The public half of an Ed25519 private key. The JDK has no call for it, but its key pair generator computes
     * the public key from 32 random bytes (RFC 8032, 5.1.5): given the private key's bytes as its "random", it
     * computes exactly our public key. {@link CheckpointSigner} checks the pair by a signature round trip.
     */
    public static PublicKey publicKeyOf(PrivateKey key) throws GeneralSecurityException {
        byte[] seed = ((EdECPrivateKey) key).getBytes()
                .orElseThrow(() -> new GeneralSecurityException("the private key's bytes cannot be read"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
        generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, bytes.length);
            }
        });
        return generator.generateKeyPair().getPublic();
    }

    /** The first 16 hex digits of the SHA-256 of the public key's X.509 encoding: names the key in checkpoints. */
    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    private static byte[] der(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.US_ASCII);
        return text.contains("-----BEGIN") ? fromPem(text) : bytes;
    }

    private static byte[] fromPem(String pem) throws IOException {
        try {
            return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        } catch (IllegalArgumentException e) {
            throw new IOException("not a PEM key: " + e.getMessage(), e);
        }
    }
}
