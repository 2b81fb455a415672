package io.github.selfclassifier.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The Self-Classifier network as one DJL block: backbone, MLP head with L2 normalisation, H classifiers.
 *
 * <p>Input: {@code NDList(images)}, images of shape {@code (N, C, H, W)}. Output, in this order:
 *
 * <pre>
 *   index 0       z          the L2-normalised embedding, (N, d)
 *   index 1 + h   logits_h   head h's logits g_c * cos(z, v_c), (N, C_h), for h = 0 .. H-1
 * </pre>
 *
 * Use {@link #embeddingOf(NDList)} and {@link #logitsOf(NDList, int)} rather than raw indices.
 *
 * <p>The parts are children and can be run alone with their own {@code forward}: {@link #backbone()}
 * (images to features {@code (N, F)}), {@link #head()} (features to z), {@link #classifiers()} (any
 * embeddings to the H logits; the nearest-neighbour augmentation replaces view 0's z before this step).
 * Children are named {@code backbone}, {@code mlp_head} and {@code classifiers}; see {@link
 * TorchStateDictNames} for the PyTorch names of all parameters. For multi-crop views of different sizes, do
 * as the reference: the backbone once per crop size, the features of all views concatenated, then the head
 * and the classifiers once each (so the head's BatchNorm sees all views together).
 *
 * <p>Parameters carry their own initialisers (torchvision's for the backbone, the reference's for the head
 * and classifiers), used by {@link #initialize}. A DJL {@code TrainingConfig} that sets an initialiser for a
 * parameter type replaces them for that type.
 */
public final class SelfClassifierBlock extends AbstractBlock {

  private final BackboneBlock backbone;
  private final ProjectionHead head;
  private final WeightNormClassifiers classifiers;

  /**
   * Assembles the network from its parts.
   *
   * @param backbone the backbone
   * @param head the MLP head; its input is the backbone's feature
   * @param classifiers the classifiers; their embedding dimension must be the head's
   * @throws IllegalArgumentException if the embedding dimensions differ
   */
  public SelfClassifierBlock(BackboneBlock backbone, ProjectionHead head, WeightNormClassifiers classifiers) {
    super((byte) 1);
    if (head.embeddingDim() != classifiers.embeddingDim()) {
      throw new IllegalArgumentException(
          "head gives d = " + head.embeddingDim() + " but the classifiers read d = "
              + classifiers.embeddingDim());
    }
    this.backbone = addChildBlock("backbone", backbone);
    this.head = addChildBlock("mlp_head", head);
    this.classifiers = addChildBlock("classifiers", classifiers);
  }

  /**
   * The backbone: images to features.
   *
   * @return the backbone block, which also describes itself as a {@link
   *     io.github.selfclassifier.api.model.Backbone}
   */
  public BackboneBlock backbone() {
    return backbone;
  }

  /**
   * The MLP head: features to the normalised embedding.
   *
   * @return the head block
   */
  public ProjectionHead head() {
    return head;
  }

  /**
   * The classifiers: embeddings to logits.
   *
   * @return the classifiers block, which also describes itself as a {@link
   *     io.github.selfclassifier.api.model.ClassifierHead}
   */
  public WeightNormClassifiers classifiers() {
    return classifiers;
  }

  /**
   * The number of classifier heads H.
   *
   * @return H
   */
  public int numHeads() {
    return classifiers.numHeads();
  }

  /**
   * The embedding z in an output of this block.
   *
   * @param output the output of {@link #forward}
   * @return z, (N, d)
   */
  public static NDArray embeddingOf(NDList output) {
    return output.get(0);
  }

  /**
   * Head h's logits in an output of this block.
   *
   * @param output the output of {@link #forward}
   * @param head the head index, 0 to H-1
   * @return the logits, (N, C_h)
   */
  public static NDArray logitsOf(NDList output, int head) {
    if (head < 0 || head >= output.size() - 1) {
      throw new IndexOutOfBoundsException("head " + head + " of " + (output.size() - 1));
    }
    return output.get(1 + head);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList features = backbone.forward(ps, inputs, training, params);
    NDList z = head.forward(ps, features, training, params);
    NDList logits = classifiers.forward(ps, z, training, params);
    NDList out = new NDList(1 + logits.size());
    out.add(z.singletonOrThrow());
    out.addAll(logits);
    return out;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape[] z = head.getOutputShapes(backbone.getOutputShapes(inputShapes));
    Shape[] logits = classifiers.getOutputShapes(z);
    Shape[] out = new Shape[1 + logits.length];
    out[0] = z[0];
    System.arraycopy(logits, 0, out, 1, logits.length);
    return out;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    AbstractBlockWithChildren.initializeInOrder(manager, dataType, inputShapes, backbone, head, classifiers);
  }
}
