package io.github.selfclassifier.djl.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;

/** An {@link AbstractBlock} with a helper to initialise a chain of children. */
abstract class AbstractBlockWithChildren extends AbstractBlock {

  AbstractBlockWithChildren() {
    super((byte) 1);
  }

  /**
   * Initialises blocks that are applied one after the other and returns the shapes after the last.
   *
   * @param manager the parameter manager
   * @param dataType the parameter type
   * @param shapes the input shapes of the first block
   * @param chain the blocks in order of application
   * @return the output shapes of the last block
   */
  static Shape[] initializeInOrder(NDManager manager, DataType dataType, Shape[] shapes, Block... chain) {
    Shape[] s = shapes;
    for (Block block : chain) {
      block.initialize(manager, dataType, s);
      s = block.getOutputShapes(s);
    }
    return s;
  }
}
