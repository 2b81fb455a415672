package io.github.selfclassifier.djl.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.selfclassifier.api.model.Backbone;

/**
 * A backbone as a DJL block: input {@code NDList(images)} with images of shape {@code (N, C, H, W)}, output
 * {@code NDList(features)} of shape {@code (N, featureDim())}.
 *
 * <p>A backbone is trainable or frozen. A frozen backbone's parameters do not require gradients, it runs in
 * inference mode even in a training forward pass (BatchNorm uses and keeps its running statistics; on MXNet
 * autograd is paused for it, see the package-private {@code InferenceMode}), and its output is cut from the autograd graph.
 * Subclasses implement {@link #forwardFeatures}.
 */
public abstract class BackboneBlock extends AbstractBlock implements Backbone {

  private final String name;
  private final int featureDim;
  private final int inputChannels;
  private final int inputSize;
  private final boolean trainable;

  /**
   * Creates the description part of a backbone.
   *
   * @param name the name reported by {@link #name()}
   * @param featureDim the feature dimension F
   * @param inputChannels the image channels
   * @param inputSize the nominal side of the square images
   * @param trainable false to freeze the backbone
   */
  protected BackboneBlock(String name, int featureDim, int inputChannels, int inputSize, boolean trainable) {
    super((byte) 1);
    this.name = name;
    this.featureDim = featureDim;
    this.inputChannels = inputChannels;
    this.inputSize = inputSize;
    this.trainable = trainable;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int featureDim() {
    return featureDim;
  }

  @Override
  public int inputChannels() {
    return inputChannels;
  }

  @Override
  public int inputHeight() {
    return inputSize;
  }

  @Override
  public int inputWidth() {
    return inputSize;
  }

  /**
   * Whether the backbone is trained; see the class comment for what frozen means.
   *
   * @return true if trainable
   */
  public boolean isTrainable() {
    return trainable;
  }

  /**
   * Computes the features.
   *
   * @param parameterStore the parameter store
   * @param inputs {@code NDList(images)}
   * @param training true for a training pass; always false for a frozen backbone
   * @param params optional extra parameters
   * @return {@code NDList(features)} of shape {@code (N, featureDim())}
   */
  protected abstract NDList forwardFeatures(
      ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params);

  @Override
  protected final NDList forwardInternal(
      ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
    if (trainable) {
      return forwardFeatures(parameterStore, inputs, training, params);
    }
    NDList features =
        InferenceMode.run(inputs.head(), () -> forwardFeatures(parameterStore, inputs, false, params));
    return new NDList(features.singletonOrThrow().stopGradient());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), featureDim)};
  }

  /** Freezes the parameters of a frozen backbone before they are created, then initialises as usual. */
  @Override
  public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
    if (!trainable) {
      freezeParameters(true);
    }
    super.initialize(manager, dataType, inputShapes);
  }

  /** Initialises blocks applied one after the other; returns the shapes after the last. */
  static Shape[] initializeInOrder(NDManager manager, DataType dataType, Shape[] shapes, Block... chain) {
    return AbstractBlockWithChildren.initializeInOrder(manager, dataType, shapes, chain);
  }
}
