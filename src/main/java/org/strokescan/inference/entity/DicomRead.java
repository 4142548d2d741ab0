package org.strokescan.inference.entity;

import java.util.Objects;

/** What reading a DICOM file's header gave: the header, or why the file cannot be taken. */
public sealed interface DicomRead {

    record Header(DicomHeader header) implements DicomRead {
        public Header {
            Objects.requireNonNull(header, "header");
        }
    }

    /** @param message for people: names what is wrong (the transfer syntax, the size, the missing pixels) */
    record Refused(RefusalReason reason, String message) implements DicomRead {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
