package io.github.selfclassifier.djl.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PyTorch {@code state_dict} key of every parameter of a block, so that checkpoints can be mapped.
 *
 * <p>DJL names a child {@code "%02d" + name} (position, then the name it was added under) and a parameter
 * by its own name. This walks the block tree, drops the two-digit positions, joins the names with dots and
 * renames DJL's BatchNorm parameters to PyTorch's: {@code gamma -> weight, beta -> bias, runningMean ->
 * running_mean, runningVar -> running_var}. Children added under an empty name (the module inside a {@link
 * TorchScriptBackbone}) add no path segment. Our blocks name their children as torchvision and the
 * Self-Classifier reference do, so for example:
 *
 * <pre>
 *   ResNetBackbone:       conv1.weight, bn1.running_var, layer1.0.conv2.weight, layer2.0.downsample.1.bias
 *                         (= torchvision's resnet keys without fc.* and num_batches_tracked)
 *   SelfClassifierBlock:  backbone.layer4.2.bn3.weight, mlp_head.mlp.3.weight, classifiers.cls_0.weight_g
 * </pre>
 *
 * A reference checkpoint maps onto a {@link SelfClassifierBlock} by renaming {@code cls_h.} to {@code
 * classifiers.cls_h.} (and dropping a DistributedDataParallel {@code module.} prefix); a torchvision backbone
 * checkpoint by prefixing {@code backbone.} and dropping {@code fc.*} and {@code *.num_batches_tracked}. A
 * loader then copies each tensor into {@code parameter.getArray()} after checking the shape (DJL's and
 * PyTorch's layouts agree for Conv2d, Linear and BatchNorm). No loader exists yet.
 */
public final class TorchStateDictNames {

  private TorchStateDictNames() {}

  /**
   * All parameters of an initialised block by PyTorch key, in DJL's order.
   *
   * @param block the block (a TorchScript backbone has parameters only once initialised)
   * @return an unmodifiable map from key to parameter
   * @throws IllegalStateException if two parameters map to the same key
   */
  public static Map<String, Parameter> of(Block block) {
    Map<String, Parameter> out = new LinkedHashMap<>();
    collect(block, "", out);
    return Collections.unmodifiableMap(out);
  }

  /**
   * The PyTorch name of a DJL parameter name.
   *
   * @param djlName a parameter's own name, such as {@code gamma}
   * @return the PyTorch name, such as {@code weight}; other names unchanged
   */
  public static String torchName(String djlName) {
    switch (djlName) {
      case "gamma":
        return "weight";
      case "beta":
        return "bias";
      case "runningMean":
        return "running_mean";
      case "runningVar":
        return "running_var";
      default:
        return djlName;
    }
  }

  private static void collect(Block block, String prefix, Map<String, Parameter> out) {
    for (Pair<String, Parameter> p : block.getDirectParameters()) {
      String key = prefix + torchName(p.getKey());
      if (out.put(key, p.getValue()) != null) {
        throw new IllegalStateException("two parameters map to " + key);
      }
    }
    for (Pair<String, Block> child : block.getChildren()) {
      String name = child.getKey().substring(2);
      collect(child.getValue(), name.isEmpty() ? prefix : prefix + name + ".", out);
    }
  }
}
