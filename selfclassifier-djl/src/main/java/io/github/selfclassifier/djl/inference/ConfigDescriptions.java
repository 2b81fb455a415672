package io.github.selfclassifier.djl.inference;

import io.github.selfclassifier.api.augment.Interpolation;
import io.github.selfclassifier.api.model.BackboneKind;
import io.github.selfclassifier.api.model.ModelConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads configs back from their {@code toString()} forms, which {@code TrainingConfigJson} writes into
 * checkpoints ({@code "model"}, {@code "augmentation"}) and which list every value: {@code
 * Name[key=value, key=[a, b], key=Other[x=1, y=2], ...]}. Values are split at the top-level {@code ", "} only.
 */
final class ConfigDescriptions {

  private ConfigDescriptions() {}

  /** The key-value pairs of a {@code Name[...]} description. */
  static Map<String, String> fields(String description, String name) {
    String prefix = name + "[";
    if (description == null || !description.startsWith(prefix) || !description.endsWith("]")) {
      throw new IllegalArgumentException("not a " + name + " description: " + description);
    }
    String body = description.substring(prefix.length(), description.length() - 1);
    Map<String, String> out = new LinkedHashMap<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i <= body.length(); i++) {
      boolean end = i == body.length();
      char ch = end ? ',' : body.charAt(i);
      if (ch == '[') {
        depth++;
      } else if (ch == ']') {
        depth--;
      } else if (ch == ',' && depth == 0 && (end || body.startsWith(", ", i))) {
        String part = body.substring(start, i).trim();
        int eq = part.indexOf('=');
        if (eq < 1) {
          throw new IllegalArgumentException("malformed field '" + part + "' in " + description);
        }
        out.put(part.substring(0, eq), part.substring(eq + 1));
        start = i + 1;
      }
    }
    return out;
  }

  /** A {@link ModelConfig} from its {@code toString()} form. */
  static ModelConfig modelConfig(String description) {
    Map<String, String> f = fields(description, "ModelConfig");
    ModelConfig.Builder b = ModelConfig.builder();
    BackboneKind kind = BackboneKind.valueOf(get(f, "backbone", description));
    if (kind == BackboneKind.TORCHSCRIPT) {
      b.optTorchScript(Path.of(get(f, "torchScriptPath", description)),
          Integer.parseInt(get(f, "featureDim", description)));
    } else {
      b.optBackbone(kind).optBackboneWidth(Integer.parseInt(get(f, "backboneWidth", description)));
    }
    String[] input = get(f, "input", description).split("x");
    if (input.length != 3 || !input[1].equals(input[2])) {
      throw new IllegalArgumentException("input is not CxSxS in " + description);
    }
    return b.optBackboneTrainable(Boolean.parseBoolean(get(f, "backboneTrainable", description)))
        .optInputChannels(Integer.parseInt(input[0]))
        .optInputSize(Integer.parseInt(input[1]))
        .optMlpHiddenDim(Integer.parseInt(get(f, "mlpHiddenDim", description)))
        .optMlpLayers(Integer.parseInt(get(f, "mlpLayers", description)))
        .optMlpBatchNorm(Boolean.parseBoolean(get(f, "mlpBatchNorm", description)))
        .optEmbeddingDim(Integer.parseInt(get(f, "embeddingDim", description)))
        .optClassesPerHead(integers(get(f, "classesPerHead", description)))
        .optFixedClassifierGains(Boolean.parseBoolean(get(f, "fixedClassifierGains", description)))
        .optNormEps(Double.parseDouble(get(f, "normEps", description)))
        .build();
  }

  /** The evaluation preprocessing from an {@code AugmentationConfig}'s {@code toString()} form. */
  static InputPreprocessing preprocessing(String description) {
    Map<String, String> f = fields(description, "AugmentationConfig");
    double[] mean = doubles(get(f, "normalizationMean", description));
    double[] std = doubles(get(f, "normalizationStd", description));
    return InputPreprocessing.of(Integer.parseInt(get(f, "globalCropSize", description)),
        Interpolation.valueOf(get(f, "interpolation", description)), mean, std);
  }

  private static String get(Map<String, String> fields, String key, String description) {
    String v = fields.get(key);
    if (v == null) {
      throw new IllegalArgumentException("no " + key + " in " + description);
    }
    return v;
  }

  private static List<Integer> integers(String list) {
    List<Integer> out = new ArrayList<>();
    for (String s : elements(list)) {
      out.add(Integer.parseInt(s));
    }
    return out;
  }

  private static double[] doubles(String list) {
    List<String> e = elements(list);
    double[] out = new double[e.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Double.parseDouble(e.get(i));
    }
    return out;
  }

  private static List<String> elements(String list) {
    if (!list.startsWith("[") || !list.endsWith("]")) {
      throw new IllegalArgumentException("not a list: " + list);
    }
    String body = list.substring(1, list.length() - 1).trim();
    List<String> out = new ArrayList<>();
    if (!body.isEmpty()) {
      for (String s : body.split(",")) {
        out.add(s.trim());
      }
    }
    return out;
  }
}
