package io.github.selfclassifier.examples.tutorial;

import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.data.IdxFiles;
import io.github.selfclassifier.djl.eval.ExtractedFeatures;
import io.github.selfclassifier.djl.eval.FeatureExtractor;
import io.github.selfclassifier.djl.eval.FrozenFeatureEvaluation;
import io.github.selfclassifier.djl.eval.FrozenFeatureEvaluationResult;
import io.github.selfclassifier.djl.inference.InputPreprocessing;
import io.github.selfclassifier.djl.inference.SelfClassifierModel;
import io.github.selfclassifier.djl.inference.SelfClassifierModelFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Tutorial 5: k-NN and linear probe on frozen features, the paper's representation-quality protocol. Extracts
 * the backbone features of a Fashion-MNIST model (tutorial 3's {@code model.scmodel}) for the 60,000 training
 * and 10,000 test images in one batched pass each, then runs a weighted k-NN (k 20, temperature 0.07), a
 * linear probe (softmax regression by L-BFGS) and, as the baseline, k-means on the same features; all of it
 * after extraction is plain Java.
 *
 * <pre>
 * java -cp selfclassifier.jar io.github.selfclassifier.examples.tutorial.KnnAndLinearProbe MODEL
 * </pre>
 */
public final class KnnAndLinearProbe {
  private KnnAndLinearProbe() {}

  /**
   * Extracts features and prints the k-NN, linear-probe and k-means results.
   *
   * @param args the model file
   * @throws IOException if the model or the data cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: KnnAndLinearProbe MODEL");
      System.exit(2);
    }
    ByteImageSet trainImages = IdxFiles.fashionMnist(IdxFiles.DEBIAN_FASHION_MNIST, true);
    ByteImageSet testImages = IdxFiles.fashionMnist(IdxFiles.DEBIAN_FASHION_MNIST, false);
    try (SelfClassifierModel model = SelfClassifierModelFile.load(Path.of(args[0]), "PyTorch")) {
      InputPreprocessing input = model.preprocessing();
      FeatureExtractor extractor = FeatureExtractor.builder()
          .setModel(model.block())
          .setManager(model.djlModel().getNDManager())
          .setNormalization(input.mean(), input.std())
          .optBatchSize(512)
          .build();
      ExtractedFeatures train = extractor.extract(trainImages);
      ExtractedFeatures test = extractor.extract(testImages);
      FrozenFeatureEvaluationResult result = FrozenFeatureEvaluation.builder().build().evaluate(train, test);
      System.out.println(result.summary());
    }
  }
}
