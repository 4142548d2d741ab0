package org.strokescan.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokescan.inference.control.StrokeModel;
import org.strokescan.inference.entity.ModelCard;
import org.strokescan.inference.entity.PreparedImage;
import org.strokescan.inference.entity.PreprocessingSpec;

/**
 * The pretrained-backbone path on a miniature MobileNet written in the very format nsfwjs ships (browserified,
 * minified JavaScript; uint8-quantized weights as base64): the loader, the graph, the head, the export and DJL.
 */
class PretrainedBackboneTest {

    private static final int SIZE = PretrainedBackbone.INPUT_SIZE;
    private static final double KERNEL = 0.1;

    @TempDir
    Path work;

    /**
     * input → pad → 3×3/2 convolution (3→4 channels, every weight 0.1) → batch norm (γ 1, β 0, mean 0, variance 1)
     * → ReLU6 → 3×3 depthwise convolution (every weight 0.05) → batch norm (γ 2, β 0.5, mean 0.25, variance 3)
     * → ReLU6 → a Keras head (pooling, dense) that the loader must never need.
     */
    static Path miniatureMobileNet(Path folder) throws IOException {
        Files.createDirectories(folder);
        String layers = "[{name:\"input_1\",class_name:\"InputLayer\",config:{batch_input_shape:[null,224,224,3],sparse:!1,name:\"input_1\"},inbound_nodes:[]},"
                + "{name:\"Conv1_pad\",class_name:\"ZeroPadding2D\",config:{padding:[[0,1],[0,1]],trainable:!1},inbound_nodes:[[[\"input_1\",0,0,{}]]]},"
                + "{name:\"Conv1\",class_name:\"Conv2D\",config:{filters:4,kernel_size:[3,3],strides:[2,2],padding:\"valid\",use_bias:!1},inbound_nodes:[[[\"Conv1_pad\",0,0,{}]]]},"
                + "{name:\"bn_Conv1\",class_name:\"BatchNormalization\",config:{epsilon:.001,momentum:.999},inbound_nodes:[[[\"Conv1\",0,0,{}]]]},"
                + "{name:\"Conv1_relu\",class_name:\"ReLU\",config:{max_value:6},inbound_nodes:[[[\"bn_Conv1\",0,0,{}]]]},"
                + "{name:\"dw\",class_name:\"DepthwiseConv2D\",config:{kernel_size:[3,3],strides:[1,1],padding:\"same\",use_bias:!1},inbound_nodes:[[[\"Conv1_relu\",0,0,{}]]]},"
                + "{name:\"dw_BN\",class_name:\"BatchNormalization\",config:{epsilon:.001},inbound_nodes:[[[\"dw\",0,0,{}]]]},"
                + "{name:\"dw_relu\",class_name:\"ReLU\",config:{max_value:6},inbound_nodes:[[[\"dw_BN\",0,0,{}]]]},"
                + "{name:\"pool\",class_name:\"AveragePooling2D\",config:{pool_size:[7,7]},inbound_nodes:[[[\"dw_relu\",0,0,{}]]]}]";
        List<String> weights = new ArrayList<>();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        // constant tensors: minimum = the value, scale 0, so every byte dequantizes to it
        Object[][] tensors = {
                {"Conv1/kernel", "[3,3,3,4]", KERNEL}, {"bn_Conv1/gamma", "[4]", 1.0}, {"bn_Conv1/beta", "[4]", 0.0},
                {"bn_Conv1/moving_mean", "[4]", 0.0}, {"bn_Conv1/moving_variance", "[4]", 1.0},
                {"dw/depthwise_kernel", "[3,3,4,1]", 0.05}, {"dw_BN/gamma", "[4]", 2.0}, {"dw_BN/beta", "[4]", 0.5},
                {"dw_BN/moving_mean", "[4]", 0.25}, {"dw_BN/moving_variance", "[4]", 3.0}};
        for (Object[] t : tensors) {
            int count = 1;
            for (String d : ((String) t[1]).replaceAll("[\\[\\]]", "").split(",")) {
                count *= Integer.parseInt(d);
            }
            bytes.write(new byte[count], 0, count);
            weights.add("{name:\"" + t[0] + "\",shape:" + t[1] + ",dtype:\"float32\",quantization:{min:"
                    + minified((double) t[2]) + ",scale:0,dtype:\"uint8\"}}");
        }
        String model = "!function(e){module.exports=e()}(function(){return function e(a,n,i){}({1:[function(e,a,n){"
                + "a.exports={modelTopology:{keras_version:\"2.2.4\",model_config:{class_name:\"Model\",config:{name:\"m\","
                + "layers:" + layers + "}}},weightsManifest:[{paths:[\"group1-shard1of1\"],weights:["
                + String.join(",", weights) + "]}]}},{}]},{},[1])(1)});";
        Files.writeString(folder.resolve("model.min.js"), model, StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("group1-shard1of1.min.js"), "!function(e){module.exports=e()}(function(){"
                + "return function(e,h,n){a.exports=\"" + Base64.getEncoder().encodeToString(bytes.toByteArray())
                + "\"}});", StandardCharsets.UTF_8);
        return folder;
    }

    /** Numbers as a minifier writes them: {@code .1}, {@code -.5}. */
    private static String minified(double value) {
        String s = Double.toString(value);
        return s.startsWith("0.") ? s.substring(1) : s.startsWith("-0.") ? "-" + s.substring(2) : s;
    }

    private static Slices.Slice grey(String file, int label, float value) {
        float[] pixels = new float[SIZE * SIZE];
        java.util.Arrays.fill(pixels, value);
        return new Slices.Slice(file, "p-" + file, label, pixels);
    }

    @Test
    void theLoaderReadsTheMinifiedFilesAndTheGraphComputesWhatTheLayersSay() throws Exception {
        PretrainedBackbone backbone = PretrainedBackbone.load(miniatureMobileNet(work.resolve("mini")));
        assertEquals(3 * 3 * 3 * 4 + 4 * 4 + 3 * 3 * 4 + 4 * 4, backbone.parameterCount("dw_relu"));
        try (FeatureExtractor extractor = new FeatureExtractor(backbone, SIZE, List.of("Conv1_relu", "dw_relu"))) {
            float[] f = extractor.features(List.of(grey("a", 0, 0.75f)))[0];
            assertEquals(16, f.length, "mean and maximum of 4 channels, for two layers");
            // grey 0.75 → 0.5 in every colour channel; a full 3×3×3 window: 27 · 0.5 · 0.1, then batch norm
            double conv = 27 * 0.5 * KERNEL / Math.sqrt(1 + 0.001);
            assertEquals(conv, f[4], 1e-4, "maximum of Conv1_relu: an inner window");
            assertTrue(f[0] < f[4], "the mean includes the border windows that reach into the padding");
            double depthwise = Math.min(6, Math.max(0, (9 * 0.05 * conv - 0.25) * 2 / Math.sqrt(3 + 0.001) + 0.5));
            assertEquals(depthwise, f[12], 1e-4, "maximum of dw_relu: nine inner values, batch norm, ReLU6");
        }
        assertThrows(IllegalArgumentException.class, () -> {
            try (FeatureExtractor extractor = new FeatureExtractor(backbone, SIZE, List.of("pool"))) {
                extractor.features(List.of(grey("a", 0, 0.5f)));
            }
        }, "layers past the convolutional part are refused");
    }

    @Test
    void aHeadOnTheBackboneLearnsExportsAndServesThroughDjlWithAHeatMap() throws Exception {
        PretrainedBackbone backbone = PretrainedBackbone.load(miniatureMobileNet(work.resolve("mini")));
        List<Slices.Slice> slices = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            slices.add(grey("s" + i, i % 2, i % 2 == 1 ? 0.8f + i * 0.005f : 0.4f + i * 0.005f));
        }
        PretrainedLearner learner = new PretrainedLearner(backbone, List.of("dw_relu", "Conv1_relu"), 0.01, 200, SIZE);
        TrainingRun.FoldResult fold = learner.fold(0, slices.subList(0, 12), List.of(), slices.subList(12, 16),
                work.resolve("fold"), line -> { });
        assertTrue(fold.predictions().get("s13") > fold.predictions().get("s12"), "the brighter, positive slice scores higher");

        ModelExport.Network network = learner.last(slices, 0, work.resolve("final"), line -> { });
        ModelExport.export(work.resolve("m"), SIZE, network, new Calibration(0.5, -0.25), files -> new ModelCard(
                "pretrained-test", "0.0.1", "test", new PreprocessingSpec(SIZE, PreprocessingSpec.Normalisation.NONE, 0),
                0.5, "grey squares", "none", Map.of(), "tests only", List.of(), files));
        try (StrokeModel model = StrokeModel.load(work.resolve("m"), 1);
             FeatureExtractor extractor = new FeatureExtractor(backbone, SIZE, List.of("dw_relu", "Conv1_relu"))) {
            LogisticHead head = LogisticHead.fit(extractor.features(slices),
                    slices.stream().mapToInt(Slices.Slice::label).toArray(), 0.01, 200);
            for (Slices.Slice s : List.of(slices.get(3), slices.get(4))) {
                StrokeModel.Output out = model.explain(new PreparedImage(s.tensor(), SIZE, 0, 0, SIZE, SIZE));
                double expected = new Calibration(0.5, -0.25).apply(head.probability(extractor.features(List.of(s))[0]));
                assertEquals(expected, out.probability(), 1e-4, "served = calibrated head on the backbone's features");
                assertEquals(SIZE * SIZE, out.heatmap().length, "explain returns a map of the input's size");
            }
        }
    }
}
