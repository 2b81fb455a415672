package io.github.selfclassifier.examples.tutorial;

import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.translate.TranslateException;
import io.github.selfclassifier.djl.inference.ClusterPrediction;
import io.github.selfclassifier.djl.inference.SelfClassifierModel;
import io.github.selfclassifier.djl.inference.SelfClassifierModelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Tutorial 6: use a trained model in your app. Loads a model saved by training (a {@code .scmodel} file, or a
 * checkpoint while training still runs) on any engine, whichever engine trained it, and assigns images to
 * clusters. Needs only {@code selfclassifier-djl} and an engine's natives on the class path: no training
 * code, no labels.
 *
 * <pre>
 * java -cp selfclassifier.jar io.github.selfclassifier.examples.tutorial.ClusterImagesInYourApp MODEL IMAGE... [--engine MXNet]
 * </pre>
 */
public final class ClusterImagesInYourApp {
  private ClusterImagesInYourApp() {}

  /**
   * Prints the cluster, its probability and the first embedding values of every image.
   *
   * @param args the model file, then image files; optionally {@code --engine NAME} at the end
   * @throws IOException if the model or an image cannot be read
   * @throws TranslateException if the engine fails on an image
   */
  public static void main(String[] args) throws IOException, TranslateException {
    if (args.length < 2) {
      System.err.println("usage: ClusterImagesInYourApp MODEL IMAGE... [--engine PyTorch|MXNet]");
      System.exit(2);
    }
    String engine = "PyTorch";
    int last = args.length;
    if (args.length > 3 && args[args.length - 2].equals("--engine")) {
      engine = args[args.length - 1];
      last -= 2;
    }
    try (SelfClassifierModel model = SelfClassifierModelFile.load(Path.of(args[0]), engine);
        Predictor<Image, ClusterPrediction> predictor = model.newPredictor()) {   // head 0
      for (int i = 1; i < last; i++) {
        Image image = ImageFactory.getInstance().fromFile(Path.of(args[i]));
        ClusterPrediction p = predictor.predict(image);
        float[] z = p.embedding();                      // L2-normalised, for search or your own clustering
        System.out.printf(Locale.ROOT, "%s -> cluster %d (p %.3f), embedding[0..2] %.3f %.3f %.3f%n",
            args[i], p.cluster(), p.probability(), z[0], z[1], z[2]);
      }
    }
  }
}
