package org.strokescan.security.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.strokescan.platform.OwnerOnlyFolder;
import org.strokescan.platform.Role;
import org.strokescan.security.entity.IssuedPassword;

/**
 * {@code <data dir>/initial-credentials.txt}: one line {@code <username> <password> <ROLE>} per seeded
 * account, readable by the owner only, so a new installation can be signed into without a fixed password.
 */
public final class CredentialsFile {

    public static final String NAME = "initial-credentials.txt";

    private final Path file;

    public CredentialsFile(Path dataDirectory) {
        this.file = dataDirectory.resolve(NAME);
    }

    public record Entry(IssuedPassword credentials, Role role) {
        public String line() {
            return credentials.username() + " " + credentials.password() + " " + role.name();
        }
    }

    public Path write(List<Entry> entries) throws IOException {
        OwnerOnlyFolder.ensure(file.getParent());
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.write(file, entries.stream().map(Entry::line).toList(), StandardCharsets.UTF_8);
        return file;
    }
}
