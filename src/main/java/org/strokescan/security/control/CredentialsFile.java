package org.strokescan.security.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    /**
     * Written whole under another name and then moved into place, so that nobody (an operator's {@code cat}, a test
     * waiting for the first start) ever reads a file that is there but not yet written.
     */
    public Path write(List<Entry> entries) throws IOException {
        OwnerOnlyFolder.ensure(file.getParent());
        Path written = file.resolveSibling(NAME + ".new");
        Files.deleteIfExists(written);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(written, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(written);
        }
        Files.write(written, entries.stream().map(Entry::line).toList(), StandardCharsets.UTF_8);
        Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
