package org.strokescan.training;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Constant;
import org.tensorflow.types.TFloat32;

/**
 * A pretrained Keras MobileNetV2 read from the browserified TensorFlow.js files the npm package {@code nsfwjs}
 * (4.4.0, MIT) ships in {@code dist/models/mobilenet_v2}: {@code model.min.js} holds the Keras topology and the
 * weights manifest as a JavaScript object, {@code group1-shard*.min.js} the weights as one base64 string, each
 * tensor quantized to uint8 with its own minimum and scale. The network was trained on ImageNet and then fine-tuned on
 * photographs; we use its convolutional part, frozen, as an image-feature extractor. Nothing is downloaded: the
 * folder comes from {@code npm pack nsfwjs@4.4.0}, unpacked.
 */
public final class PretrainedBackbone {

    /** The side of the images the network was trained on. */
    public static final int INPUT_SIZE = 224;

    /** One Keras layer: its class, its configuration and the layers it reads. */
    record Layer(String name, String type, JsonObject config, List<String> inputs) {
    }

    private final List<Layer> layers;
    private final Map<String, float[]> weights;
    private final Map<String, long[]> shapes;

    private PretrainedBackbone(List<Layer> layers, Map<String, float[]> weights, Map<String, long[]> shapes) {
        this.layers = layers;
        this.weights = weights;
        this.shapes = shapes;
    }

    public static PretrainedBackbone load(Path folder) throws IOException {
        Path modelFile = folder.resolve("model.min.js");
        if (!Files.exists(modelFile)) {
            throw new IOException(folder + " holds no model.min.js: give the folder dist/models/mobilenet_v2 of the"
                    + " unpacked npm package (npm pack nsfwjs@4.4.0 && tar xzf nsfwjs-4.4.0.tgz)");
        }
        JsonObject model = javaScriptObject(Files.readString(modelFile, StandardCharsets.UTF_8), "modelTopology");
        List<Layer> layers = new ArrayList<>();
        for (JsonElement e : model.getAsJsonObject("modelTopology").getAsJsonObject("model_config")
                .getAsJsonObject("config").getAsJsonArray("layers")) {
            JsonObject layer = e.getAsJsonObject();
            List<String> inputs = new ArrayList<>();
            JsonArray inbound = layer.getAsJsonArray("inbound_nodes");
            if (!inbound.isEmpty()) {
                inbound.get(0).getAsJsonArray().forEach(in -> inputs.add(in.getAsJsonArray().get(0).getAsString()));
            }
            layers.add(new Layer(layer.get("name").getAsString(), layer.get("class_name").getAsString(),
                    layer.getAsJsonObject("config"), inputs));
        }
        byte[] bytes = shardBytes(folder, model.getAsJsonArray("weightsManifest"));
        Map<String, float[]> weights = new HashMap<>();
        Map<String, long[]> shapes = new HashMap<>();
        int offset = 0;
        for (JsonElement group : model.getAsJsonArray("weightsManifest")) {
            for (JsonElement w : group.getAsJsonObject().getAsJsonArray("weights")) {
                JsonObject weight = w.getAsJsonObject();
                long[] shape = new long[weight.getAsJsonArray("shape").size()];
                int count = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = weight.getAsJsonArray("shape").get(i).getAsLong();
                    count *= (int) shape[i];
                }
                JsonObject quantization = weight.getAsJsonObject("quantization");
                if (quantization == null || !"uint8".equals(quantization.get("dtype").getAsString())) {
                    throw new IOException("weight " + weight.get("name") + " is not uint8-quantized; only that is supported");
                }
                double min = quantization.get("min").getAsDouble();
                double scale = quantization.get("scale").getAsDouble();
                float[] values = new float[count];
                for (int i = 0; i < count; i++) {
                    values[i] = (float) (min + scale * (bytes[offset + i] & 0xff));
                }
                offset += count;
                weights.put(weight.get("name").getAsString(), values);
                shapes.put(weight.get("name").getAsString(), shape);
            }
        }
        if (offset != bytes.length) {
            throw new IOException("the weight files hold " + bytes.length + " bytes, the manifest describes " + offset);
        }
        return new PretrainedBackbone(layers, weights, shapes);
    }

    /**
     * The graph from a batch of prepared grey slices {@code [n, 224, 224, 1]} in [0, 1] to the outputs of the named
     * layers: grey copied to three channels and scaled to [−1, 1] as MobileNetV2 expects, the pretrained weights as
     * constants, batch normalisation folded into a scale and a shift. Built only as deep as the deepest named layer.
     */
    public Map<String, Operand<TFloat32>> build(Ops tf, Operand<TFloat32> grey, List<String> wanted) {
        Operand<TFloat32> rgb = tf.math.sub(tf.math.mul(tf.concat(List.of(grey, grey, grey), tf.constant(3)),
                tf.constant(2f)), tf.constant(1f));
        Map<String, Operand<TFloat32>> outputs = new HashMap<>();
        Map<String, Operand<TFloat32>> found = new LinkedHashMap<>();
        for (Layer layer : layers) {
            Operand<TFloat32> x = layer.inputs().isEmpty() ? rgb : outputs.get(layer.inputs().getFirst());
            Operand<TFloat32> y = switch (layer.type()) {
                case "InputLayer" -> rgb;
                case "ZeroPadding2D" -> zeroPadding(tf, x, layer.config().getAsJsonArray("padding"));
                case "Conv2D" -> tf.nn.conv2d(x, constant(tf, layer.name() + "/kernel"), strides(layer), padding(layer));
                case "DepthwiseConv2D" -> tf.nn.depthwiseConv2dNative(x, constant(tf, layer.name() + "/depthwise_kernel"),
                        strides(layer), padding(layer));
                case "BatchNormalization" -> batchNormalization(tf, x, layer);
                case "ReLU" -> tf.nn.relu6(x);
                case "Add" -> tf.math.add(outputs.get(layer.inputs().get(0)), outputs.get(layer.inputs().get(1)));
                default -> throw new IllegalArgumentException("layer " + layer.name() + " (" + layer.type()
                        + ") is past the convolutional part; wanted " + wanted);
            };
            if (layer.config().has("use_bias") && layer.config().get("use_bias").getAsBoolean()) {
                throw new IllegalStateException("layer " + layer.name() + " has a bias; MobileNetV2 has none before its head");
            }
            outputs.put(layer.name(), y);
            if (wanted.contains(layer.name())) {
                found.put(layer.name(), y);
                if (found.size() == wanted.size()) {
                    return found;
                }
            }
        }
        throw new IllegalArgumentException("no layers " + wanted + " in the backbone");
    }

    /** How many pretrained numbers the layers up to {@code upTo} use. */
    public long parameterCount(String upTo) {
        long count = 0;
        for (Layer layer : layers) {
            String prefix = layer.name() + "/";
            count += weights.entrySet().stream().filter(w -> w.getKey().startsWith(prefix))
                    .mapToLong(w -> w.getValue().length).sum();
            if (layer.name().equals(upTo)) {
                break;
            }
        }
        return count;
    }

    private Operand<TFloat32> batchNormalization(Ops tf, Operand<TFloat32> x, Layer layer) {
        double epsilon = layer.config().get("epsilon").getAsDouble();
        float[] gamma = weights.get(layer.name() + "/gamma");
        float[] beta = weights.get(layer.name() + "/beta");
        float[] mean = weights.get(layer.name() + "/moving_mean");
        float[] variance = weights.get(layer.name() + "/moving_variance");
        float[] scale = new float[gamma.length];
        float[] shift = new float[gamma.length];
        for (int i = 0; i < gamma.length; i++) {
            scale[i] = (float) (gamma[i] / Math.sqrt(variance[i] + epsilon));
            shift[i] = beta[i] - mean[i] * scale[i];
        }
        return tf.math.add(tf.math.mul(x, tf.constant(scale)), tf.constant(shift));
    }

    private Constant<TFloat32> constant(Ops tf, String name) {
        float[] values = weights.get(name);
        if (values == null) {
            throw new IllegalStateException("no pretrained weight " + name);
        }
        return tf.constant(Shape.of(shapes.get(name)), DataBuffers.of(values, true, false));
    }

    private static Operand<TFloat32> zeroPadding(Ops tf, Operand<TFloat32> x, JsonArray padding) {
        int[][] pads = {{0, 0}, {padding.get(0).getAsJsonArray().get(0).getAsInt(), padding.get(0).getAsJsonArray().get(1).getAsInt()},
                {padding.get(1).getAsJsonArray().get(0).getAsInt(), padding.get(1).getAsJsonArray().get(1).getAsInt()}, {0, 0}};
        return tf.pad(x, tf.constant(pads), tf.constant(0f));
    }

    private static List<Long> strides(Layer layer) {
        JsonArray s = layer.config().getAsJsonArray("strides");
        return List.of(1L, s.get(0).getAsLong(), s.get(1).getAsLong(), 1L);
    }

    private static String padding(Layer layer) {
        return layer.config().get("padding").getAsString().toUpperCase(java.util.Locale.ROOT);
    }

    /** The bytes of the weight shards named in the manifest, each a browserified module around one base64 string. */
    private static byte[] shardBytes(Path folder, JsonArray manifest) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        Pattern base64 = Pattern.compile("\"([A-Za-z0-9+/=]{64,})\"");
        for (JsonElement group : manifest) {
            for (JsonElement path : group.getAsJsonObject().getAsJsonArray("paths")) {
                String js = Files.readString(folder.resolve(path.getAsString() + ".min.js"), StandardCharsets.UTF_8);
                Matcher m = base64.matcher(js);
                if (!m.find()) {
                    throw new IOException(path.getAsString() + ".min.js holds no base64 weight string");
                }
                bytes.write(Base64.getDecoder().decode(m.group(1)));
            }
        }
        return bytes.toByteArray();
    }

    /**
     * The JavaScript object literal that starts with {@code {firstKey:} in minified code, as JSON: unquoted keys,
     * {@code !0}/{@code !1} for true/false and numbers such as {@code -.87} are what the minifier writes.
     */
    static JsonObject javaScriptObject(String js, String firstKey) throws IOException {
        int start = js.indexOf("{" + firstKey + ":");
        if (start < 0) {
            throw new IOException("no object with " + firstKey + " found");
        }
        int depth = 0;
        int end = start;
        boolean inString = false;
        for (int i = start; i < js.length(); i++) {
            char c = js.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                end = i + 1;
                break;
            }
        }
        String literal = js.substring(start, end)
                .replaceAll("(?<=[:,\\[])!0(?=[,}\\]])", "true")
                .replaceAll("(?<=[:,\\[])!1(?=[,}\\]])", "false")
                .replaceAll("(?<=[:,\\[])(-?)\\.(\\d)", "$10.$2");
        JsonReader reader = new JsonReader(new StringReader(literal));
        reader.setStrictness(com.google.gson.Strictness.LENIENT);
        return JsonParser.parseReader(reader).getAsJsonObject();
    }
}
