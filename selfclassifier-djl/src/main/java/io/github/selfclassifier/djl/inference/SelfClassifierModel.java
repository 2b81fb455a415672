package io.github.selfclassifier.djl.inference;

import io.github.selfclassifier.djl.ArrayUpload;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.translate.TranslateException;
import ai.djl.util.Pair;
import io.github.selfclassifier.api.model.ModelConfig;
import io.github.selfclassifier.djl.EngineSelector;
import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.model.SelfClassifierBlock;
import io.github.selfclassifier.djl.model.SelfClassifierModels;
import io.github.selfclassifier.djl.train.TrainingCheckpoint;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * A trained Self-Classifier network, loaded on one engine and ready to predict ({@link
 * SelfClassifierModelFile#load}). It wraps a DJL {@link Model} whose block is the {@link
 * SelfClassifierBlock}, with frozen parameters; predictions run in inference mode (BatchNorm uses its running
 * statistics), so an image's prediction does not depend on the other images of its batch.
 *
 * <p>Three ways to predict, all with the same preprocessing ({@link #preprocessing()}):
 *
 * <ul>
 *   <li>DJL style: {@link #newPredictor()} gives a {@code Predictor<Image, ClusterPrediction>} (one per
 *       thread, close it after use); {@code batchPredict} runs a list as one batch;
 *   <li>convenience: {@link #predict(Path)}, {@link #predict(BufferedImage)}, {@link #predict(Image)};
 *   <li>many images: {@link #predictImages(ByteImageSet, int, int)} on an already loaded set, {@link
 *       #predictFolder} over a folder, streamed to CSV and JSON.
 * </ul>
 *
 * <p>Not to be called inside an open gradient collector (MXNet refuses inference-mode BatchNorm there). Close
 * the model to free its native memory.
 */
public final class SelfClassifierModel implements AutoCloseable {
  private final Model model;
  private final SelfClassifierBlock block;
  private final ModelConfig config;
  private final InputPreprocessing preprocessing;
  private final String trainingConfigJson;
  private final String trainedOnEngine;
  private final long globalStep;

  private SelfClassifierModel(Model model, SelfClassifierBlock block, SelfClassifierModelFile.Contents c) {
    this.model = model;
    this.block = block;
    this.config = c.config();
    this.preprocessing = c.input();
    this.trainingConfigJson = c.trainingConfigJson();
    this.trainedOnEngine = c.trainedOnEngine();
    this.globalStep = c.globalStep();
  }

  /** Builds the network on the engine and sets the saved parameters by name. */
  static SelfClassifierModel create(SelfClassifierModelFile.Contents contents, Path source, String engineName) {
    Engine engine = EngineSelector.select(engineName);
    Model model = Model.newInstance("self-classifier", engine.defaultDevice(), engine.getEngineName());
    try {
      SelfClassifierBlock block = SelfClassifierModels.build(contents.config());
      model.setBlock(block);
      InputPreprocessing input = contents.input();
      block.initialize(model.getNDManager(), DataType.FLOAT32,
          new Shape(1, input.channels(), input.size(), input.size()));
      Map<String, TrainingCheckpoint.NamedArray> saved = contents.parameters();
      Set<String> used = new HashSet<>();
      for (Pair<String, Parameter> p : block.getParameters()) {
        TrainingCheckpoint.NamedArray values = saved.get(p.getKey());
        if (values == null) {
          throw new IllegalArgumentException(source + " has no parameter " + p.getKey()
              + " of the network its config describes");
        }
        NDArray array = p.getValue().getArray();
        if (!new Shape(values.shape()).equals(array.getShape())) {
          throw new IllegalArgumentException("parameter " + p.getKey() + " is " + array.getShape() + " but "
              + source + " holds " + new Shape(values.shape()));
        }
        ArrayUpload.set(array, values.values());
        used.add(p.getKey());
      }
      if (used.size() != saved.size()) {
        List<String> extra = new ArrayList<>(saved.keySet());
        extra.removeAll(used);
        throw new IllegalArgumentException(source + " holds parameters the network does not have: " + extra);
      }
      block.freezeParameters(true);
      return new SelfClassifierModel(model, block, contents);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /**
   * A DJL predictor whose cluster is head 0's argmax.
   *
   * @return a new predictor (not thread-safe; close it)
   */
  public Predictor<Image, ClusterPrediction> newPredictor() {
    return newPredictor(0);
  }

  /**
   * A DJL predictor whose cluster is one head's argmax.
   *
   * @param head 0 to H-1
   * @return a new predictor (not thread-safe; close it)
   */
  public Predictor<Image, ClusterPrediction> newPredictor(int head) {
    return model.newPredictor(translator(head));
  }

  /**
   * The translator the predictors use.
   *
   * @param head the head whose argmax is the cluster, 0 to H-1
   * @return the translator
   */
  public SelfClassifierTranslator translator(int head) {
    Objects.checkIndex(head, numHeads());
    return new SelfClassifierTranslator(preprocessing, head);
  }

  /**
   * Predicts one DJL image with head 0.
   *
   * @param image the image
   * @return the prediction
   */
  public ClusterPrediction predict(Image image) {
    return predict(image, 0);
  }

  /**
   * Predicts one DJL image.
   *
   * @param image the image
   * @param head the head whose argmax is the cluster
   * @return the prediction
   */
  public ClusterPrediction predict(Image image, int head) {
    try (Predictor<Image, ClusterPrediction> predictor = newPredictor(head)) {
      return predictor.predict(image);
    } catch (TranslateException e) {
      throw new IllegalStateException("prediction failed: " + e.getMessage(), e);
    }
  }

  /**
   * Predicts one image with head 0.
   *
   * @param image the image, any size and type
   * @return the prediction
   */
  public ClusterPrediction predict(BufferedImage image) {
    return predict(image, 0);
  }

  /**
   * Predicts one image.
   *
   * @param image the image, any size and type
   * @param head the head whose argmax is the cluster
   * @return the prediction
   */
  public ClusterPrediction predict(BufferedImage image, int head) {
    return predict(ImageFactory.getInstance().fromImage(image), head);
  }

  /**
   * Predicts one image file with head 0.
   *
   * @param imageFile a file ImageIO can decode
   * @return the prediction
   * @throws IOException if the file is missing or cannot be decoded (the message names it)
   */
  public ClusterPrediction predict(Path imageFile) throws IOException {
    return predict(imageFile, 0);
  }

  /**
   * Predicts one image file.
   *
   * @param imageFile a file ImageIO can decode
   * @param head the head whose argmax is the cluster
   * @return the prediction
   * @throws IOException if the file is missing or cannot be decoded (the message names it)
   */
  public ClusterPrediction predict(Path imageFile, int head) throws IOException {
    if (!imageFile.toFile().isFile()) {
      throw new NoSuchFileException(imageFile.toString(), null, "no such image file");
    }
    BufferedImage image = ImageIO.read(imageFile.toFile());
    if (image == null) {
      throw new IOException("no ImageIO decoder recognises the content of " + imageFile);
    }
    return predict(image, head);
  }

  /**
   * Predicts images that are already preprocessed to this model's input size and channels (as {@link
   * io.github.selfclassifier.djl.data.ImageFolder} loads them with the same size and channels), in
   * batches.
   *
   * @param images the images, {@code channels x size x size}
   * @param head the head whose argmax is the cluster
   * @param batchSize images per forward pass
   * @return one prediction per image, in order
   * @throws IllegalArgumentException if the images have another shape
   */
  public List<ClusterPrediction> predictImages(ByteImageSet images, int head, int batchSize) {
    int s = preprocessing.size();
    if (images.channels() != preprocessing.channels() || images.height() != s || images.width() != s) {
      throw new IllegalArgumentException("the model takes " + preprocessing.channels() + "x" + s + "x" + s
          + " images, not " + images.channels() + "x" + images.height() + "x" + images.width());
    }
    Objects.checkIndex(head, numHeads());
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
    }
    int per = images.channels() * s * s;
    List<ClusterPrediction> out = new ArrayList<>(images.size());
    for (int from = 0; from < images.size(); from += batchSize) {
      int n = Math.min(batchSize, images.size() - from);
      byte[] pixels = new byte[n * per];
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < per; k++) {
          pixels[i * per + k] = (byte) images.pixel(from + i, k / (s * s), k / s % s, k % s);
        }
      }
      out.addAll(predictPixels(pixels, n, head));
    }
    return out;
  }

  /** One forward pass over n preprocessed images (NCHW bytes), in a sub-manager freed afterwards. */
  List<ClusterPrediction> predictPixels(byte[] pixels, int n, int head) {
    int s = preprocessing.size();
    int c = preprocessing.channels();
    float[] x = new float[n * c * s * s];
    preprocessing.normalize(pixels, 0, n, x, 0);
    try (NDManager manager = model.getNDManager().newSubManager()) {
      NDArray input = ArrayUpload.create(manager, x, new Shape(n, c, s, s));
      NDList output = block.forward(new ParameterStore(manager, false), new NDList(input), false);
      float[] z = SelfClassifierBlock.embeddingOf(output).toType(DataType.FLOAT32, false).toFloatArray();
      int d = z.length / n;
      float[][] logits = new float[numHeads()][];
      int[] classes = new int[numHeads()];
      for (int h = 0; h < logits.length; h++) {
        logits[h] = SelfClassifierBlock.logitsOf(output, h).toType(DataType.FLOAT32, false).toFloatArray();
        classes[h] = logits[h].length / n;
      }
      List<ClusterPrediction> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        float[] zi = java.util.Arrays.copyOfRange(z, i * d, (i + 1) * d);
        float[][] li = new float[logits.length][];
        for (int h = 0; h < logits.length; h++) {
          li[h] = java.util.Arrays.copyOfRange(logits[h], i * classes[h], (i + 1) * classes[h]);
        }
        out.add(ClusterPrediction.fromOutputs(zi, li, head));
      }
      return out;
    }
  }

  /**
   * Predicts every image under a folder (at any depth, in {@link
   * io.github.selfclassifier.djl.data.ImageFolder}'s order and with its file rules), decoding and running
   * one batch at a time and streaming the rows to the files, so neither the images nor the outputs of a big
   * folder are held in memory. CSV columns: {@code path,cluster,probability} (path relative to the folder,
   * {@code /}-separated; probability of the predicted cluster). JSON: {@code {"folder", "head",
   * "predictions": [{"path", "cluster", "probability", "headClusters": [...]}], "skipped": [{"path",
   * "reason"}]}}.
   *
   * @param folder the image folder
   * @param csv the CSV file to write, or null for none
   * @param json the JSON file to write, or null for none
   * @param options head, batch size, decoding threads, strictness
   * @return what was predicted and skipped
   * @throws IOException if the folder cannot be listed or a file cannot be written, or in strict mode an
   *     image cannot be decoded (the message names the path)
   * @throws IllegalArgumentException if the folder holds no image files or the head does not exist
   */
  public FolderPredictionSummary predictFolder(Path folder, Path csv, Path json, FolderPredictionOptions options)
      throws IOException {
    Objects.checkIndex(options.head(), numHeads());
    return new FolderPredictionWriter(this, options).run(folder, csv, json);
  }

  /**
   * The network's config.
   *
   * @return the model config
   */
  public ModelConfig modelConfig() {
    return config;
  }

  /**
   * The evaluation preprocessing of training (size, channels, filter, mean, std).
   *
   * @return the preprocessing
   */
  public InputPreprocessing preprocessing() {
    return preprocessing;
  }

  /**
   * The training config as JSON, when the file recorded it.
   *
   * @return the JSON, or empty
   */
  public Optional<String> trainingConfigJson() {
    return Optional.ofNullable(trainingConfigJson);
  }

  /**
   * The engine the parameters were trained on (provenance; any engine can load them).
   *
   * @return the engine name, or {@code "unknown"}
   */
  public String trainedOnEngine() {
    return trainedOnEngine;
  }

  /**
   * The training steps taken before the parameters were saved.
   *
   * @return the global step (0 if unknown)
   */
  public long globalStep() {
    return globalStep;
  }

  /**
   * The number of classifier heads.
   *
   * @return H
   */
  public int numHeads() {
    return config.classesPerHead().size();
  }

  /**
   * The engine this model runs on.
   *
   * @return the engine name
   */
  public String engineName() {
    return model.getNDManager().getEngine().getEngineName();
  }

  /**
   * The network block (parameters frozen).
   *
   * @return the block
   */
  public SelfClassifierBlock block() {
    return block;
  }

  /**
   * The DJL model holding the block and its parameters.
   *
   * @return the DJL model
   */
  public Model djlModel() {
    return model;
  }

  /** Frees the network's native memory. */
  @Override
  public void close() {
    model.close();
  }

  @Override
  public String toString() {
    return "SelfClassifierModel[" + engineName() + ", " + config + ", " + preprocessing + "]";
  }
}
