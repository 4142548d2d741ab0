package org.strokescan.inference.entity;

import java.util.Optional;

/** A Grad-CAM heat map drawn over its image (PNG), or the refusal that prevented it. */
public record Explanation(Optional<byte[]> png, Optional<Classification.Refused> refused) {
}
