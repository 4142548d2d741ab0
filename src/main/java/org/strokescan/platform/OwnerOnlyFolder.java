package org.strokescan.platform;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The folder that holds the embedded database (patient data, password hashes, the audit trail) and the initial
 * credentials: created for its owner alone ({@code rwx------}). One that exists with more (created by an earlier
 * version) is tightened to that, unless it is the user's home folder or not ours, which is only logged. On a file
 * system without POSIX permissions it is only created.
 */
public final class OwnerOnlyFolder {

    private static final Logger LOG = Logger.getLogger(OwnerOnlyFolder.class.getName());
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFolder() {
    }

    public static Path ensure(Path folder) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(folder)) {
            if (posix) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createDirectories(folder);
            }
        }
        if (posix && !Files.getPosixFilePermissions(folder).equals(OWNER_ONLY)) {
            tighten(folder);
        }
        return folder;
    }

    private static void tighten(Path folder) {
        try {
            if (folder.toRealPath().equals(Path.of(System.getProperty("user.home")).toRealPath())) {
                throw new IOException("it is the user's home folder");
            }
            Files.setPosixFilePermissions(folder, OWNER_ONLY);
            LOG.info(() -> "event=folder.tightened " + folder + " is readable by its owner only now");
        } catch (IOException e) {
            LOG.warning(() -> "event=folder.open " + folder + " holds patient data and is readable by others ("
                    + e.getMessage() + "): make it the owner's alone (chmod 700)");
        }
    }

    /** The folder of an H2 file database URL ({@code jdbc:h2:file:./data/strokescan;…}); empty for any other URL. */
    static Optional<Path> ofH2Url(String url) {
        String prefix = url.startsWith("jdbc:h2:file:") ? "jdbc:h2:file:" : null;
        if (prefix == null) {
            return Optional.empty();
        }
        String file = url.substring(prefix.length()).split(";", 2)[0];
        if (file.startsWith("~")) {
            file = System.getProperty("user.home") + file.substring(1);
        }
        return Optional.ofNullable(Path.of(file).toAbsolutePath().getParent());
    }
}
