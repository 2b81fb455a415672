package io.github.selfclassifier.djl.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/**
 * A {@link SequentialBlock} whose children carry names chosen by the caller ("0", "1", "conv1") instead of
 * their class names, so parameter paths line up with PyTorch's {@code nn.Sequential} indices; see {@link
 * TorchStateDictNames}.
 */
final class NamedSequentialBlock extends SequentialBlock {

  /**
   * Appends a child under a name.
   *
   * @param name the name (DJL prefixes it with the child's two-digit position)
   * @param block the child
   * @return this block
   */
  NamedSequentialBlock add(String name, Block block) {
    addChildBlock(name, block);
    return this;
  }
}
