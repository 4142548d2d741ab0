package org.strokescan.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.strokescan.inference.entity.PreparedImage;
import org.strokescan.training.HeatmapLocalisation.Box;

/** The box geometry and the two scores, on hand-made heat maps whose answers are known. */
class HeatmapLocalisationTest {

    /** A 256-px square slice prepared at 8 px: the content fills the whole grid, 32 slice pixels per cell. */
    private static final PreparedImage SQUARE = new PreparedImage(new float[64], 8, 0, 0, 8, 8);

    @Test
    void boxesMoveFromTheFiveHundredTwelveGridToTheSliceAndTurnWithIt() {
        // the upper-left quarter of a 512-px box grid is the upper-left quarter of the slice
        assertEquals(List.of(new Box(0, 0, 4, 4)), HeatmapLocalisation.boxes("0,0,256,256", 256, 256, 0, SQUARE));
        // turned clockwise once, the upper-left quarter becomes the upper-right one
        assertEquals(List.of(new Box(4, 0, 8, 4)), HeatmapLocalisation.boxes("0,0,256,256", 256, 256, 1, SQUARE));
        // a thin box at the top (x 0..512, y 0..64): turned, it stands at the right edge
        assertEquals(List.of(new Box(7, 0, 8, 8)), HeatmapLocalisation.boxes("0,0,512,64", 256, 256, 1, SQUARE));
        // two boxes, and a letterboxed slice: content 8 × 4 placed 2 cells down
        PreparedImage wide = new PreparedImage(new float[64], 8, 0, 2, 8, 4);
        assertEquals(List.of(new Box(0, 2, 4, 4), new Box(4, 4, 8, 6)),
                HeatmapLocalisation.boxes("0,0,256,256;256,256,512,512", 512, 256, 0, wide));
    }

    @Test
    void aMapPeakingInsideTheBoxHitsAndOneOutsideMisses() {
        List<Box> box = List.of(new Box(0, 0, 4, 4));
        float[] inside = new float[64];
        inside[1 * 8 + 1] = 3;
        inside[6 * 8 + 6] = 1;
        assertArrayEquals(new double[] {1, 0.75, 0.25}, HeatmapLocalisation.score(inside, SQUARE, box), 1e-9);
        float[] outside = new float[64];
        outside[6 * 8 + 6] = 2;
        outside[1 * 8 + 1] = 1;
        assertArrayEquals(new double[] {0, 1 / 3.0, 0.25}, HeatmapLocalisation.score(outside, SQUARE, box), 1e-9);
        // an empty map points nowhere
        assertArrayEquals(new double[] {0, 0, 0.25}, HeatmapLocalisation.score(new float[64], SQUARE, box), 1e-9);
    }
}
