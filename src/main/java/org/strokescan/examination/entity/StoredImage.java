package org.strokescan.examination.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An uploaded image, stored once under the sha256 of its bytes. */
@Entity
@Table(name = "stored_image")
public class StoredImage {

    @Id
    @Column(length = 64)
    private String sha256;

    @Column(nullable = false)
    private byte[] content;

    @Column(nullable = false, length = 8)
    private String format;

    @Column(nullable = false)
    private int width;

    @Column(nullable = false)
    private int height;

    @Column(name = "stored_at", nullable = false)
    private Instant storedAt;

    protected StoredImage() {
    }

    public StoredImage(String sha256, byte[] content, String format, int width, int height, Instant storedAt) {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
        if (content == null || content.length == 0) {
            throw new IllegalArgumentException("an image has content");
        }
        this.sha256 = sha256;
        this.content = content.clone();
        this.format = format;
        this.width = width;
        this.height = height;
        this.storedAt = storedAt;
    }

    public String sha256() { return sha256; }
    public byte[] content() { return content.clone(); }
    public String format() { return format; }
    public int width() { return width; }
    public int height() { return height; }
    public Instant storedAt() { return storedAt; }
}
