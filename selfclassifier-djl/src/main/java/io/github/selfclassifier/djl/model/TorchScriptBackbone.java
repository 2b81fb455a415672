package io.github.selfclassifier.djl.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A backbone read from a TorchScript file (PyTorch engine only), for any network PyTorch can export: the
 * module must map an image batch {@code (N, C, H, W)} to a feature matrix {@code (N, featureDim)}.
 *
 * <p>The file is loaded when the block is initialised ({@link #initialize}), into the manager given there,
 * which must belong to the PyTorch engine; before that the block has no parameters. The module's
 * parameters keep their PyTorch names ({@code features.0.weight}, ...) and are this block's parameters. A
 * trainable module's parameters require gradients and the module runs in training mode in a training pass;
 * a frozen module's parameters do not require gradients and it always runs in eval mode (see {@link
 * BackboneBlock}).
 *
 * <p>DJL's own way to load TorchScript ({@code Model.load}) needs a {@code Model} kept open for the
 * parameters' lifetime; loading with {@link JniUtils#loadModule} into the caller's manager ties them to the
 * manager the rest of the network lives in.
 */
public final class TorchScriptBackbone extends BackboneBlock {

  private final Path path;
  private PtSymbolBlock module;

  /**
   * Describes the backbone; nothing is read until {@link #initialize}.
   *
   * @param path the TorchScript file
   * @param featureDim the module's output dimension per image
   * @param inputChannels the image channels the module expects
   * @param inputSize the nominal image side
   * @param trainable false to freeze
   */
  public TorchScriptBackbone(Path path, int featureDim, int inputChannels, int inputSize, boolean trainable) {
    super("torchscript:" + path.getFileName(), featureDim, inputChannels, inputSize, trainable);
    this.path = Objects.requireNonNull(path, "path");
    if (featureDim <= 0) {
      throw new IllegalArgumentException("featureDim must be positive: " + featureDim);
    }
  }

  /**
   * The TorchScript file.
   *
   * @return the path
   */
  public Path path() {
    return path;
  }

  /**
   * Loads the module into the given manager (once), then initialises as any block.
   *
   * @param manager a PyTorch-engine manager; it owns the module's parameters
   * @param dataType the data type (the module's own types are kept)
   * @param inputShapes the input shapes
   * @throws IllegalStateException if the manager is not a PyTorch one or the file is missing
   */
  @Override
  public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
    loadModule(manager);
    super.initialize(manager, dataType, inputShapes);
  }

  /**
   * Loads the module from its file (once), then overwrites its parameters with saved values, so a saved
   * network can be restored without initialising it first.
   *
   * @param manager a PyTorch-engine manager
   * @param is the stream written by {@link #saveParameters}
   * @throws IOException if the stream cannot be read
   * @throws MalformedModelException if the stream does not hold this block's parameters
   */
  @Override
  public void loadParameters(NDManager manager, DataInputStream is)
      throws IOException, MalformedModelException {
    loadModule(manager);
    super.loadParameters(manager, is);
    if (!isTrainable()) {
      freezeParameters(true);
    }
  }

  private void loadModule(NDManager manager) {
    if (module != null) {
      return;
    }
    if (!(manager instanceof PtNDManager)) {
      throw new IllegalStateException(
          "a TorchScript backbone needs the PyTorch engine, but the manager belongs to "
              + manager.getEngine().getEngineName());
    }
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("TorchScript file not found: " + path);
    }
    boolean mapToManagerDevice = true;
    module =
        JniUtils.loadModule(
            (PtNDManager) manager, path, mapToManagerDevice, new String[0], new String[0], isTrainable());
    // The empty name makes the module's own parameter names this block's (see TorchStateDictNames).
    addChildBlock("", module);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    // The module's parameters come from the file.
  }

  @Override
  protected NDList forwardFeatures(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    if (module == null) {
      throw new IllegalStateException("initialize the block first: the TorchScript file is read there");
    }
    NDList out = module.forward(ps, inputs, training, params);
    NDArray features = out.get(0);
    Shape shape = features.getShape();
    if (out.size() != 1 || shape.dimension() != 2 || shape.get(1) != featureDim()) {
      throw new IllegalStateException(
          "the TorchScript module must return one (N, " + featureDim() + ") array; got " + out.size()
              + " array(s), the first of shape " + shape);
    }
    if (!training) {
      // DJL runs a TorchScript module in eval mode under torch::InferenceMode, and an inference tensor cannot
      // enter an autograd graph later (the head of a frozen backbone is trained): a copy is a normal tensor.
      NDArray copy = features.duplicate();
      features.close();
      return new NDList(copy);
    }
    return out;
  }
}
