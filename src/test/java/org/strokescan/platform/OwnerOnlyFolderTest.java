package org.strokescan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFolderTest {

    @TempDir
    Path temp;

    @Test
    void theDatabaseFolderIsCreatedForItsOwnerAlone() throws Exception {
        Path data = OwnerOnlyFolder.ensure(temp.resolve("data"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
    }

    @Test
    void aFolderAnEarlierVersionLeftReadableByAllIsTightened() throws Exception {
        Path data = Files.createDirectory(temp.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        OwnerOnlyFolder.ensure(data);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
    }

    @Test
    void theFolderOfAnH2FileUrlAndNoFolderForOtherDatabases() {
        assertEquals(Optional.of(Path.of("data").toAbsolutePath()),
                OwnerOnlyFolder.ofH2Url("jdbc:h2:file:./data/strokescan;LOCK_TIMEOUT=1000").map(Path::normalize));
        assertEquals(Optional.of(Path.of("/srv/strokescan")), OwnerOnlyFolder.ofH2Url("jdbc:h2:file:/srv/strokescan/db"));
        assertEquals(Optional.empty(), OwnerOnlyFolder.ofH2Url("jdbc:postgresql://127.0.0.1:5432/strokescan"));
        assertEquals(Optional.empty(), OwnerOnlyFolder.ofH2Url("jdbc:h2:mem:test"));
    }
}
