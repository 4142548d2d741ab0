package org.strokescan.it;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.strokescan.platform.ShippedConfiguration;
import org.strokescan.testing.SharedData;
import org.strokescan.training.HeadPhantom;

/**
 * Hostile uploads, generated from a seed so every campaign can be replayed: damaged, random and disguised PNG
 * and JPEG files, headers that promise huge images in a few bytes, other file types, empty and oversized files.
 * Each case names the answers the API may give; anything else, and every 5xx, is a finding.
 */
public final class FuzzCorpus {

    /** The upload limit of the server (strokescan.upload.max-bytes default), so "oversized" is just above it. */
    public static final int MAX_BYTES = Math.toIntExact(ShippedConfiguration.longValue("strokescan.upload.max-bytes"));

    /**
     * @param kind     the family of the case (one row of the campaign's table)
     * @param allowed  HTTP statuses of the REST API that are a correct answer to it
     */
    public record Case(String kind, String fileName, String contentType, byte[] content, Set<Integer> allowed) {
    }

    private static final Set<Integer> CLASSIFIED_OR_REFUSED = Set.of(201, 422);
    private static final Set<Integer> UNREADABLE = Set.of(422);
    private static final Set<Integer> UNSUPPORTED = Set.of(415);
    private static final Set<Integer> TOO_LARGE = Set.of(413);

    private FuzzCorpus() {
    }

    /** {@code variants} cases of each randomised kind, plus one of each fixed kind. */
    public static List<Case> generate(long seed, int variants) {
        Random random = new Random(seed);
        byte[] png = HeadPhantom.png(256, true);
        byte[] jpeg = jpeg(HeadPhantom.image(256, false));
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("valid PNG", "valid.png", "image/png", png, Set.of(201)));
        cases.add(new Case("valid JPEG", "valid.jpg", "image/jpeg", jpeg, Set.of(201)));
        cases.add(new Case("PNG named .txt, sent as text/plain", "slice.txt", "text/plain", png, Set.of(201)));
        cases.add(new Case("zero bytes", "empty.png", "image/png", new byte[0], UNREADABLE));
        cases.add(new Case("PNG header: 100,000 × 100,000 px in a tiny file", "bomb.png", "image/png",
                pngHeader(100_000, 100_000), TOO_LARGE));
        cases.add(new Case("JPEG header: 65,535 × 65,535 px", "bomb.jpg", "image/jpeg", jpegHeader(65_535, 65_535),
                Set.of(413, 422)));
        cases.add(new Case("over the size limit", "huge.png", "image/png", oversized(png), TOO_LARGE));
        for (String[] other : OTHER_TYPES) {
            cases.add(new Case("other type: " + other[0], other[1], other[2], other[3].getBytes(StandardCharsets.ISO_8859_1),
                    UNSUPPORTED));
        }
        // DICOM is read since the PACS intake: a preamble and random bytes have no readable file meta (or name a
        // transfer syntax that does not exist)
        cases.add(new Case("DICOM preamble + random bytes", "slice.dcm", "application/dicom", dicom(random),
                Set.of(415, 422)));
        cases.addAll(dicomCases(random, variants));
        for (int v = 0; v < variants; v++) {
            cases.add(new Case("truncated PNG", "truncated-" + v + ".png", "image/png",
                    Arrays.copyOf(png, 1 + random.nextInt(png.length - 1)), Set.of(415, 422))); // 415: signature cut
            cases.add(new Case("truncated JPEG", "truncated-" + v + ".jpg", "image/jpeg",
                    Arrays.copyOf(jpeg, 3 + random.nextInt(jpeg.length / 2)), CLASSIFIED_OR_REFUSED));
            cases.add(new Case("bit-flipped PNG", "flipped-" + v + ".png", "image/png", flip(png, random),
                    Set.of(201, 415, 422)));
            cases.add(new Case("bit-flipped JPEG", "flipped-" + v + ".jpg", "image/jpeg", flip(jpeg, random),
                    Set.of(201, 415, 422)));
            cases.add(new Case("random bytes", "random-" + v + ".png", "image/png", randomBytes(random, 1 + random.nextInt(65_536)),
                    Set.of(415, 422)));
            cases.add(new Case("PNG signature + random", "noise-" + v + ".png", "image/png",
                    concat(Arrays.copyOf(png, 8), randomBytes(random, random.nextInt(65_536))), UNREADABLE));
            cases.add(new Case("JPEG start + random", "noise-" + v + ".jpg", "image/jpeg",
                    concat(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, randomBytes(random, random.nextInt(65_536))),
                    UNREADABLE));
        }
        return cases;
    }

    /**
     * The real DICOM samples in {@code ../shared/data/dicom-samples} when present (never part of the repository): the
     * head-CT slice as sent, cut short and bit-flipped, an IM000001-style name without extension, and the chest slice
     * in JPEG Lossless, which the intake refuses naming its transfer syntax.
     */
    private static List<Case> dicomCases(Random random, int variants) {
        Path samples = SharedData.ROOT.resolve("dicom-samples");
        Path head = samples.resolve("ct_head_barre_CT-MONO2-16-brain.dcm");
        Path chest = samples.resolve("ct_chest_jpeg_barre_CT-MONO2-16-chest.dcm");
        if (!Files.isRegularFile(head) || !Files.isRegularFile(chest)) {
            return List.of();
        }
        try {
            byte[] slice = Files.readAllBytes(head);
            List<Case> cases = new ArrayList<>();
            cases.add(new Case("DICOM head-CT slice (Explicit VR LE)", "head.dcm", "application/dicom", slice,
                    CLASSIFIED_OR_REFUSED));
            cases.add(new Case("DICOM named IM000001, sent as octet-stream", "IM000001", "application/octet-stream",
                    slice, CLASSIFIED_OR_REFUSED));
            cases.add(new Case("DICOM in JPEG Lossless", "chest.dcm", "application/dicom", Files.readAllBytes(chest),
                    UNSUPPORTED));
            for (int v = 0; v < variants; v++) {
                cases.add(new Case("truncated DICOM", "truncated-" + v + ".dcm", "application/dicom",
                        Arrays.copyOf(slice, 200 + random.nextInt(slice.length - 400)), Set.of(415, 422)));
                cases.add(new Case("bit-flipped DICOM", "flipped-" + v + ".dcm", "application/dicom",
                        flip(slice, random), Set.of(201, 413, 415, 422)));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A real colour PNG just inside the pixel limit (7,300 × 5,470 = 39.9 MP, 8-bit RGBA) that compresses to a few
     * hundred kB: accepted by intake, refused or classified after decoding, and about 320 MB of heap while decoded.
     */
    public static Case largestAccepted() {
        BufferedImage image = new BufferedImage(7300, 5470, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 90, 160));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(new Color(220, 200, 40));
        g.fillOval(1000, 800, 5300, 3900);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return new Case("39.9-MP colour PNG (inside the limits)", "photo.png", "image/png", out.toByteArray(),
                    CLASSIFIED_OR_REFUSED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** name, file name, declared content type, content */
    private static final String[][] OTHER_TYPES = {
            {"GIF", "slice.gif", "image/gif", "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;"},
            {"BMP", "slice.bmp", "image/bmp", "BM" + "\u0000".repeat(60)},
            {"TIFF", "slice.tif", "image/tiff", "II*\u0000" + "\u0000".repeat(60)},
            {"PDF", "report.pdf", "application/pdf", "%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"},
            {"ZIP", "slices.zip", "application/zip", "PK\u0003\u0004" + "\u0000".repeat(26)},
            {"HTML", "page.html", "text/html", "<html><script>alert(1)</script></html>"},
            {"SVG", "slice.svg", "image/svg+xml", "<svg xmlns='http://www.w3.org/2000/svg'/>"},
            {"text", "notes.txt", "text/plain", "not an image"},
    };

    private static byte[] jpeg(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpeg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A well-formed PNG whose header claims {@code width × height} gray pixels, with one compressed row. */
    static byte[] pngHeader(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[width + 1]);
        deflater.finish();
        byte[] compressed = new byte[1024];
        int length = deflater.deflate(compressed);
        deflater.end();
        chunk(out, "IDAT", Arrays.copyOf(compressed, length));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** SOI, a baseline frame header for {@code width × height} gray pixels, and the end: no image data. */
    private static byte[] jpegHeader(int width, int height) {
        return new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 11, 8,
                (byte) (height >> 8), (byte) height, (byte) (width >> 8), (byte) width, 1, 1, 0x11, 0,
                (byte) 0xFF, (byte) 0xD9};
    }

    private static byte[] oversized(byte[] png) {
        return concat(png, new byte[MAX_BYTES + 1 - png.length]);
    }

    private static byte[] dicom(Random random) {
        return concat(new byte[128], concat("DICM".getBytes(StandardCharsets.US_ASCII), randomBytes(random, 512)));
    }

    private static byte[] flip(byte[] content, Random random) {
        byte[] flipped = content.clone();
        int flips = 1 + random.nextInt(16);
        for (int i = 0; i < flips; i++) {
            int bit = random.nextInt(flipped.length * 8);
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return flipped;
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
