package io.github.selfclassifier.djl.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.selfclassifier.api.model.ClassifierHead;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The H classifier heads on one embedding: input {@code NDList(z)}, z of shape {@code (N, d)}; output {@code
 * NDList(logits_0, ..., logits_{H-1})}, head h of shape {@code (N, C_h)}. Each head is a {@link
 * WeightNormClassifier}, child {@code cls_h} (the reference's attribute name).
 *
 * <p>Run on its own, this block applies the classifiers to embeddings the caller chose, as the
 * nearest-neighbour augmentation needs (view 0's embedding replaced by its neighbour from the queue).
 */
public final class WeightNormClassifiers extends AbstractBlock implements ClassifierHead {

  private final List<Integer> classesPerHead;
  private final int embeddingDim;
  private final boolean fixedGains;
  private final List<WeightNormClassifier> heads = new ArrayList<>();

  /**
   * Creates the heads.
   *
   * @param classesPerHead classes of each head, at least one head
   * @param embeddingDim the embedding dimension d
   * @param fixedGains true for gains fixed at 1
   */
  public WeightNormClassifiers(List<Integer> classesPerHead, int embeddingDim, boolean fixedGains) {
    super((byte) 1);
    if (classesPerHead.isEmpty()) {
      throw new IllegalArgumentException("at least one classifier head is needed");
    }
    this.classesPerHead = List.copyOf(classesPerHead);
    this.embeddingDim = embeddingDim;
    this.fixedGains = fixedGains;
    for (int h = 0; h < this.classesPerHead.size(); h++) {
      heads.add(
          addChildBlock(
              "cls_" + h, new WeightNormClassifier(this.classesPerHead.get(h), embeddingDim, fixedGains)));
    }
  }

  /**
   * The heads, in order.
   *
   * @return an unmodifiable list of the H heads
   */
  public List<WeightNormClassifier> heads() {
    return Collections.unmodifiableList(heads);
  }

  @Override
  public List<Integer> classesPerHead() {
    return classesPerHead;
  }

  @Override
  public int embeddingDim() {
    return embeddingDim;
  }

  @Override
  public boolean fixedGains() {
    return fixedGains;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList out = new NDList(heads.size());
    for (WeightNormClassifier head : heads) {
      out.add(head.forward(ps, inputs, training, params).singletonOrThrow());
    }
    return out;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape[] out = new Shape[heads.size()];
    for (int h = 0; h < out.length; h++) {
      out[h] = heads.get(h).getOutputShapes(inputShapes)[0];
    }
    return out;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    for (WeightNormClassifier head : heads) {
      head.initialize(manager, dataType, inputShapes);
    }
  }
}
