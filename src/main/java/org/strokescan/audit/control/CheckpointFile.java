package org.strokescan.audit.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.strokescan.audit.entity.AuditCheckpoint;
import org.strokescan.platform.OwnerOnlyFolder;

/**
 * {@code audit-checkpoints.jsonl}: one checkpoint a line as a JSON object, appended, readable by its owner only.
 * Every value is digits, hex, Base64 or an ISO instant, so a line is written and read without a JSON library (the
 * CLI has none); a line reformatted by a JSON tool ({@code jq -c}) still reads.
 */
public final class CheckpointFile {

    public static final String NAME = "audit-checkpoints.jsonl";

    private static final Pattern SEQ = field("seq", "(\\d{1,18})");
    private static final Pattern HASH = field("hash", "\"([^\"]*)\"");
    private static final Pattern TIME = field("time", "\"([^\"]*)\"");
    private static final Pattern KEY_ID = field("keyId", "\"([^\"]*)\"");
    private static final Pattern SIGNATURE = field("signature", "\"([^\"]*)\"");

    private final Path file;

    public CheckpointFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** One line of the file as read: the checkpoint, or why the line is not one. */
    public record Line(int number, Optional<AuditCheckpoint> checkpoint, String problem) {
    }

    public static String line(AuditCheckpoint checkpoint) {
        return "{\"type\":\"strokescan.audit.checkpoint\",\"seq\":" + checkpoint.seq() + ",\"hash\":\"" + checkpoint.hash()
                + "\",\"time\":\"" + DateTimeFormatter.ISO_INSTANT.format(checkpoint.time()) + "\",\"keyId\":\""
                + checkpoint.keyId() + "\",\"signature\":\"" + checkpoint.signature() + "\"}";
    }

    /** @throws IllegalArgumentException when the line is not a checkpoint object */
    public static AuditCheckpoint parse(String line) {
        String text = line.strip();
        if (!text.startsWith("{") || !text.endsWith("}") || !text.contains("\"strokescan.audit.checkpoint\"")) {
            throw new IllegalArgumentException("not a StrokeScan audit checkpoint");
        }
        try {
            return new AuditCheckpoint(Long.parseLong(value(SEQ, text)), value(HASH, text), Instant.parse(value(TIME, text)),
                    value(KEY_ID, text), value(SIGNATURE, text));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time is not an ISO instant", e);
        }
    }

    /** Appends one line; creates the file (and its folder) for the owner alone. */
    public synchronized void append(AuditCheckpoint checkpoint) throws IOException {
        OwnerOnlyFolder.ensure(file.toAbsolutePath().getParent());
        if (!Files.exists(file) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, line(checkpoint) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.SYNC);
    }

    /** Every non-blank line; a file that does not exist yet has none. */
    public List<Line> read() throws IOException {
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            if (text.get(i).isBlank()) {
                continue;
            }
            try {
                lines.add(new Line(i + 1, Optional.of(parse(text.get(i))), ""));
            } catch (IllegalArgumentException e) {
                lines.add(new Line(i + 1, Optional.empty(), e.getMessage()));
            }
        }
        return lines;
    }

    /** The raw file, for download; empty when none was written yet. */
    public byte[] bytes() throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new byte[0];
        }
    }

    private static Pattern field(String name, String value) {
        return Pattern.compile("\"" + name + "\"\\s*:\\s*" + value);
    }

    private static String value(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no valid " + pattern.pattern().substring(1).split("\"", 2)[0]);
        }
        return matcher.group(1);
    }
}
