package org.strokescan.inference.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import org.junit.jupiter.api.Test;
import org.strokescan.inference.entity.ImageFormat;
import org.strokescan.inference.entity.IntakeResult;
import org.strokescan.inference.entity.IntakeResult.Accepted;
import org.strokescan.inference.entity.IntakeResult.Reason;
import org.strokescan.inference.entity.IntakeResult.Rejected;
import org.strokescan.platform.ShippedConfiguration;

/** Every input class the upload path must survive; all fixtures are generated here, none is a patient image. */
class ImageIntakeTest {

    private static final long MAX_PIXELS = ShippedConfiguration.longValue("strokescan.upload.max-pixels");

    private final ImageIntake intake = new ImageIntake();

    static BufferedImage phantom(int type, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.LIGHT_GRAY);
        g.fillOval(width / 8, height / 8, width * 3 / 4, height * 3 / 4); // a skull-like ellipse
        g.setColor(Color.WHITE);
        g.fillOval(width / 2, height / 2, width / 10, height / 10);
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), "no " + format + " writer for this image type");
        return out.toByteArray();
    }

    private Rejected rejected(byte[] content, Reason reason) {
        IntakeResult result = intake.read(content);
        Rejected rejected = assertInstanceOf(Rejected.class, result, () -> "expected " + reason + ", got " + result);
        assertEquals(reason, rejected.reason(), rejected.message());
        assertTrue(!rejected.message().isBlank() && !rejected.message().contains("Exception"), rejected.message());
        return rejected;
    }

    @Test
    void decodesAnEightBitGrayPng() throws IOException {
        Accepted accepted = assertInstanceOf(Accepted.class, intake.read(encode(phantom(BufferedImage.TYPE_BYTE_GRAY, 64, 48), "png")));
        assertEquals(ImageFormat.PNG, accepted.format());
        assertEquals(8, accepted.bitDepth());
        assertEquals(64, accepted.image().width());
        assertEquals(48, accepted.image().height());
        assertEquals(0f, accepted.image().at(0, 0));
        assertEquals(1f, accepted.image().at(36, 27), 1e-6, "the bright spot");
    }

    @Test
    void keepsTheFullRangeOfSixteenBitPngs() throws IOException {
        BufferedImage image = new BufferedImage(4, 1, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster raster = image.getRaster();
        int[] values = {0, 1, 32768, 65535};
        for (int x = 0; x < 4; x++) {
            raster.setSample(x, 0, 0, values[x]);
        }
        Accepted accepted = assertInstanceOf(Accepted.class, intake.read(encode(image, "png")));
        assertEquals(16, accepted.bitDepth());
        assertEquals(1 / 65535f, accepted.image().at(1, 0), 1e-9, "a step an 8-bit decode would lose");
        assertEquals(32768 / 65535f, accepted.image().at(2, 0), 1e-7);
        assertEquals(1f, accepted.image().at(3, 0));
    }

    @Test
    void reducesColourToLuminanceAndTransparencyToBlack() throws IOException {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0xFFFF0000); // opaque red
        image.setRGB(1, 0, 0xFFFFFFFF); // opaque white
        image.setRGB(2, 0, 0x00FFFFFF); // transparent white
        Accepted accepted = assertInstanceOf(Accepted.class, intake.read(encode(image, "png")));
        assertEquals(0.299f, accepted.image().at(0, 0), 1e-6);
        assertEquals(1f, accepted.image().at(1, 0), 1e-6);
        assertEquals(0f, accepted.image().at(2, 0));
    }

    @Test
    void decodesGrayAndColourJpegs() throws IOException {
        for (int type : new int[] {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_3BYTE_BGR}) {
            Accepted accepted = assertInstanceOf(Accepted.class, intake.read(encode(phantom(type, 80, 80), "jpg")));
            assertEquals(ImageFormat.JPEG, accepted.format());
            assertTrue(accepted.image().at(0, 0) < 0.05f && accepted.image().at(45, 45) > 0.9f);
        }
    }

    @Test
    void detectsTheTypeByContentNotByName() throws IOException {
        byte[] png = encode(phantom(BufferedImage.TYPE_BYTE_GRAY, 16, 16), "png");
        assertEquals(ImageFormat.PNG, ImageFormats.detect(png)); // there is no file name to be fooled by
        byte[] gif = encode(phantom(BufferedImage.TYPE_BYTE_INDEXED, 16, 16), "gif");
        assertTrue(rejected(gif, Reason.UNSUPPORTED_TYPE).message().startsWith("GIF files are not supported"));
        byte[] bmp = encode(phantom(BufferedImage.TYPE_3BYTE_BGR, 16, 16), "bmp");
        rejected(bmp, Reason.UNSUPPORTED_TYPE);
        rejected("%PDF-1.7\n%âãÏÓ".getBytes(StandardCharsets.ISO_8859_1), Reason.UNSUPPORTED_TYPE);
        byte[] dicom = new byte[256];
        System.arraycopy("DICM".getBytes(StandardCharsets.US_ASCII), 0, dicom, 128, 4);
        // DICOM is taken for DICOM by "DICM" at byte 128; this one has nothing after it (DicomCasesTest reads real ones)
        assertEquals(ImageFormat.DICOM, ImageFormats.detect(dicom));
        assertTrue(rejected(dicom, Reason.CORRUPT).message().contains("no Transfer Syntax UID"));
        rejected("just some text, renamed to scan.png".getBytes(StandardCharsets.UTF_8), Reason.UNSUPPORTED_TYPE);
    }

    @Test
    void refusesEmptyAndOversizedFilesBeforeDecoding() throws IOException {
        rejected(new byte[0], Reason.EMPTY);
        rejected(null, Reason.EMPTY);
        byte[] png = encode(phantom(BufferedImage.TYPE_BYTE_GRAY, 512, 512), "png");
        Rejected tooLarge = new ImageIntake(1000, MAX_PIXELS).read(png) instanceof Rejected r ? r : null;
        assertEquals(Reason.TOO_LARGE, tooLarge.reason());
        assertTrue(tooLarge.message().contains("the limit is"), tooLarge.message());
        Rejected justOver = (Rejected) new ImageIntake(25L * 1024 * 1024, MAX_PIXELS)
                .read(new byte[25 * 1024 * 1024 + 1]);
        assertEquals("The file has 26,214,401 bytes; the limit is 26,214,400 bytes (25.0 MB).", justOver.message(),
                "one byte over the limit says so, not '25.0 MB; the limit is 25.0 MB'");
    }

    /** The intake built without limits (CLI, training) takes the server's, from the one properties file. */
    @Test
    void withoutLimitsTakesTheServersDefaults() {
        long maxBytes = ShippedConfiguration.longValue("strokescan.upload.max-bytes");
        Rejected over = (Rejected) intake.read(new byte[Math.toIntExact(maxBytes) + 1]);
        assertEquals(Reason.TOO_LARGE, over.reason());
        assertTrue(over.message().contains(String.format(Locale.ROOT, "%,d bytes (", maxBytes)), over.message());
    }

    @Test
    void refusesASixtyMegapixelImage() throws IOException {
        // 7,746 × 7,746 one-bit pixels: a few hundred kB on disk, 60 MP once decoded
        byte[] png = encode(new BufferedImage(7746, 7746, BufferedImage.TYPE_BYTE_BINARY), "png");
        assertTrue(png.length < 2_000_000, "the fixture is small on disk: " + png.length);
        assertTrue(rejected(png, Reason.TOO_MANY_PIXELS).message().contains("7746 × 7746"));
    }

    @Test
    void refusesADecompressionBombByItsHeaderAlone() {
        // a PNG that declares 100,000 × 100,000 pixels and carries no pixel data at all
        byte[] bomb = pngWithHeaderOnly(100_000, 100_000);
        long before = System.nanoTime();
        assertTrue(rejected(bomb, Reason.TOO_MANY_PIXELS).message().contains("100000 × 100000"));
        assertTrue(System.nanoTime() - before < 5_000_000_000L, "answered from the header, without decoding");
    }

    @Test
    void refusesTruncatedPngAndJpeg() throws IOException {
        byte[] png = encode(phantom(BufferedImage.TYPE_BYTE_GRAY, 256, 256), "png");
        rejected(Arrays.copyOf(png, png.length / 2), Reason.CORRUPT);
        byte[] jpeg = encode(phantom(BufferedImage.TYPE_BYTE_GRAY, 256, 256), "jpg");
        rejected(Arrays.copyOf(jpeg, jpeg.length / 2), Reason.CORRUPT);
    }

    @Test
    void refusesRandomBytesBehindAValidSignature() {
        Random random = new Random(42);
        for (byte[] signature : new byte[][] {{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'},
                {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}}) {
            for (int i = 0; i < 20; i++) {
                byte[] noise = new byte[100 + random.nextInt(5000)];
                random.nextBytes(noise);
                System.arraycopy(signature, 0, noise, 0, signature.length);
                IntakeResult result = intake.read(noise);
                Rejected rejected = assertInstanceOf(Rejected.class, result);
                assertTrue(rejected.reason() == Reason.CORRUPT || rejected.reason() == Reason.TOO_MANY_PIXELS,
                        rejected.toString());
            }
        }
        byte[] noise = new byte[4096];
        random.nextBytes(noise);
        noise[0] = 0; // no signature at all
        rejected(noise, Reason.UNSUPPORTED_TYPE);
    }

    @Test
    void refusesCmykJpegWithAReasonTheUserCanActOn() throws IOException {
        WritableRaster cmyk = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 32, 32, 4, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (var stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(cmyk, null, null), null);
        } finally {
            writer.dispose();
        }
        assertTrue(rejected(out.toByteArray(), Reason.UNSUPPORTED_TYPE).message().contains("CMYK"));
    }

    @Test
    void declaresThePixelsOfWhatItWouldDecodeFromTheHeader() throws IOException {
        assertEquals(300L * 200, intake.declaredPixels(encode(phantom(BufferedImage.TYPE_BYTE_GRAY, 300, 200), "png")));
        assertEquals(64L * 48, intake.declaredPixels(encode(phantom(BufferedImage.TYPE_3BYTE_BGR, 64, 48), "jpg")));
        // the header of an image whose data is missing still declares what decoding it would allocate
        assertEquals(5000L * 4000, intake.declaredPixels(pngWithHeaderOnly(5000, 4000)));
        // refused before decoding: nothing to budget for
        assertEquals(0, intake.declaredPixels(pngWithHeaderOnly(100_000, 100_000)));
        assertEquals(0, intake.declaredPixels(new byte[0]));
        assertEquals(0, intake.declaredPixels("<html></html>".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0, intake.declaredPixels(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 1, 2}));
    }

    /** Signature, IHDR chunk with a valid CRC, IEND: a well-formed header without image data. */
    private static byte[] pngWithHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4 + 12);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        CRC32 endCrc = new CRC32();
        endCrc.update("IEND".getBytes(StandardCharsets.US_ASCII));
        png.putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt((int) endCrc.getValue());
        return png.array();
    }
}
