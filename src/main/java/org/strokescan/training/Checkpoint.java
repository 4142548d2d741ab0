package org.strokescan.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a training run needs to go on after the epoch it was written: parameters, Adam's moments, the best
 * and the averaged parameters so far, and the epoch log. Written after every epoch to a temporary file and moved
 * into place, so an interrupted write never leaves a broken checkpoint behind.
 *
 * @param arrays named float arrays: {@code param/…}, {@code m/…}, {@code v/…}, {@code best/…}, {@code average/…}
 */
record Checkpoint(int epoch, long step, double bestLoss, int sinceBest, int averaged, List<Trainer.Epoch> epochs,
                  Map<String, float[]> arrays) {

    private static final int FORMAT = 1;
    static final String FILE = "last.ckpt";

    void write(Path folder) {
        try {
            Files.createDirectories(folder);
            Path partial = folder.resolve(FILE + ".partial");
            try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(partial)))) {
                out.writeInt(FORMAT);
                out.writeInt(epoch);
                out.writeLong(step);
                out.writeDouble(bestLoss);
                out.writeInt(sinceBest);
                out.writeInt(averaged);
                out.writeInt(epochs.size());
                for (Trainer.Epoch e : epochs) {
                    out.writeInt(e.number());
                    out.writeDouble(e.trainLoss());
                    out.writeDouble(e.validationLoss());
                    out.writeLong(e.millis());
                }
                out.writeInt(arrays.size());
                for (Map.Entry<String, float[]> entry : arrays.entrySet()) {
                    out.writeUTF(entry.getKey());
                    out.writeInt(entry.getValue().length);
                    for (float f : entry.getValue()) {
                        out.writeFloat(f);
                    }
                }
            }
            Files.move(partial, folder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the checkpoint in " + folder, e);
        }
    }

    /** The checkpoint in {@code folder}, or null when there is none. */
    static Checkpoint read(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.exists(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != FORMAT) {
                throw new IOException("unknown checkpoint format");
            }
            int epoch = in.readInt();
            long step = in.readLong();
            double bestLoss = in.readDouble();
            int sinceBest = in.readInt();
            int averaged = in.readInt();
            List<Trainer.Epoch> epochs = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                epochs.add(new Trainer.Epoch(in.readInt(), in.readDouble(), in.readDouble(), in.readLong()));
            }
            Map<String, float[]> arrays = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                String name = in.readUTF();
                float[] values = new float[in.readInt()];
                for (int j = 0; j < values.length; j++) {
                    values[j] = in.readFloat();
                }
                arrays.put(name, values);
            }
            return new Checkpoint(epoch, step, bestLoss, sinceBest, averaged, epochs, arrays);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the checkpoint " + file, e);
        }
    }

    /** The arrays whose names start with {@code prefix}, with the prefix removed. */
    Map<String, float[]> group(String prefix) {
        Map<String, float[]> group = new LinkedHashMap<>();
        arrays.forEach((name, values) -> {
            if (name.startsWith(prefix)) {
                group.put(name.substring(prefix.length()), values);
            }
        });
        return group;
    }
}
