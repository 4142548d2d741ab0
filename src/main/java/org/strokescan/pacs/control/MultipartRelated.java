package org.strokescan.pacs.control;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parts of a STOW-RS request body ({@code multipart/related; type="application/dicom"}), parsed by Jakarta Mail's
 * MIME parser (the container ships it) rather than by hand.
 */
public final class MultipartRelated {

    /** One part: its content type (as declared, or the request's {@code type}) and its bytes. */
    public record Part(String contentType, byte[] content) {
    }

    /**
     * The request is not a STOW-RS body StrokeScan takes; the message says why, the status is 415 for a media type
     * it does not take, 413 for a body over the limit and 400 for a body that cannot be parsed.
     */
    public static final class Refused extends Exception {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private MultipartRelated() {
    }

    /**
     * Checks the request's content type: multipart/related with a boundary, and a type of application/dicom (the only
     * one StrokeScan takes: no bulk data or metadata-only JSON/XML).
     */
    public static ContentType check(String contentType) throws Refused {
        if (contentType == null) {
            throw new Refused(415, "The request has no Content-Type; STOW-RS takes multipart/related;"
                    + " type=\"application/dicom\".");
        }
        ContentType parsed;
        try {
            parsed = new ContentType(contentType);
        } catch (ParseException e) {
            throw new Refused(415, "The Content-Type \"" + contentType + "\" cannot be parsed.");
        }
        if (!parsed.match("multipart/related")) {
            throw new Refused(415, "The Content-Type is " + parsed.getBaseType() + "; STOW-RS takes multipart/related;"
                    + " type=\"application/dicom\".");
        }
        String type = parsed.getParameter("type");
        if (type != null && !type.toLowerCase(Locale.ROOT).strip().equals("application/dicom")) {
            throw new Refused(415, "The parts are " + type + "; StrokeScan takes whole DICOM instances"
                    + " (type=\"application/dicom\"), not metadata with bulk data.");
        }
        if (parsed.getParameter("boundary") == null) {
            throw new Refused(400, "The multipart/related Content-Type has no boundary.");
        }
        return parsed;
    }

    /**
     * @param maxBytes the most the body may have; a chunked body (no declared length) is counted as it is read and
     *                 refused with 413 once it passes the limit
     */
    public static List<Part> parts(String contentType, InputStream body, long maxBytes) throws Refused, IOException {
        ContentType type = check(contentType);
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw new Refused(413, "The request body is larger than the limit of " + maxBytes + " bytes"
                    + " (strokescan.pacs.max-request-bytes); send the study in several requests.");
        }
        try {
            MimeMultipart multipart = new MimeMultipart(new ByteArrayDataSource(bytes, type.toString()));
            if (!multipart.isComplete()) {
                throw new Refused(400, "The multipart body ends before its closing boundary (truncated request).");
            }
            List<Part> parts = new ArrayList<>(multipart.getCount());
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                try (InputStream content = part.getInputStream()) {
                    parts.add(new Part(part.getContentType(), content.readAllBytes()));
                } catch (IOException e) {
                    throw new Refused(400, "Part " + (i + 1) + " cannot be decoded (" + e.getMessage() + ").");
                }
            }
            if (parts.isEmpty()) {
                throw new Refused(400, "The multipart body has no parts.");
            }
            return parts;
        } catch (MessagingException e) {
            throw new Refused(400, "The multipart body cannot be parsed (" + e.getMessage() + ").");
        }
    }
}
