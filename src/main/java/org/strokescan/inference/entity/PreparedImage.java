package org.strokescan.inference.entity;

/**
 * A model input: {@code size × size} values row by row, and where the original image lies inside that square
 * (the rest is padding), so a heat map can be mapped back onto the original.
 */
public record PreparedImage(float[] tensor, int size, int contentX, int contentY, int contentWidth, int contentHeight) {

    public PreparedImage {
        if (tensor.length != size * size) {
            throw new IllegalArgumentException("tensor of " + tensor.length + " values for a " + size + "² input");
        }
        tensor = tensor.clone();
    }

    @Override
    public float[] tensor() {
        return tensor.clone();
    }

    /** Copies the values into {@code target} from {@code offset} on: one copy, where {@link #tensor()} is two. */
    public void copyTo(float[] target, int offset) {
        System.arraycopy(tensor, 0, target, offset, tensor.length);
    }
}
