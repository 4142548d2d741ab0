package org.strokescan.cds.control;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.text.ParseException;
import java.util.List;

/**
 * An EHR's public keys from a JWKS file, read again when the file changes (a key rotation needs no restart).
 */
final class FileJwks implements JWKSource<SecurityContext> {

    private record Loaded(FileTime modified, long size, JWKSet keys) {
    }

    private final Path file;
    private volatile Loaded loaded;

    FileJwks(Path file) {
        this.file = file;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        return selector.select(keys());
    }

    private JWKSet keys() throws KeySourceException {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            Loaded current = loaded;
            if (current == null || !current.modified().equals(modified) || current.size() != size) {
                current = new Loaded(modified, size, JWKSet.parse(Files.readString(file)).toPublicJWKSet());
                loaded = current;
            }
            return current.keys();
        } catch (IOException | ParseException e) {
            throw new KeySourceException("the JWKS file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
