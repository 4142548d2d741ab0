package org.strokescan.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokescan.platform.Role;
import org.strokescan.security.entity.IssuedPassword;

class CredentialsFileTest {

    @TempDir
    Path folder;

    @Test
    void writesOneLinePerAccountReadableByTheOwnerOnly() throws Exception {
        Path data = folder.resolve("data");
        Path file = new CredentialsFile(data).write(List.of(
                new CredentialsFile.Entry(new IssuedPassword("admin", "pw1pw1pw1pw1pw1"), Role.ADMIN),
                new CredentialsFile.Entry(new IssuedPassword("clinician1", "pw2pw2pw2pw2pw2"), Role.CLINICIAN)));

        assertEquals(data.resolve("initial-credentials.txt"), file);
        assertEquals(List.of("admin pw1pw1pw1pw1pw1 ADMIN", "clinician1 pw2pw2pw2pw2pw2 CLINICIAN"), Files.readAllLines(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)), "the data folder is the owner's alone");
    }

    @Test
    void replacesAnOlderFileInsteadOfAppending() throws Exception {
        CredentialsFile credentials = new CredentialsFile(folder);
        credentials.write(List.of(new CredentialsFile.Entry(new IssuedPassword("admin", "old-old-old-old"), Role.ADMIN)));
        Path file = credentials.write(List.of(new CredentialsFile.Entry(new IssuedPassword("admin", "new-new-new-new"), Role.ADMIN)));
        assertEquals(List.of("admin new-new-new-new ADMIN"), Files.readAllLines(file));
    }
}
