package io.github.selfclassifier.examples.tutorial;

import io.github.selfclassifier.api.metrics.ClusteringScores;
import io.github.selfclassifier.api.metrics.MetricsOptions;
import io.github.selfclassifier.api.metrics.SuperclassMapping;
import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.data.IdxFiles;
import io.github.selfclassifier.djl.inference.ClusterPrediction;
import io.github.selfclassifier.djl.inference.SelfClassifierModel;
import io.github.selfclassifier.djl.inference.SelfClassifierModelFile;
import io.github.selfclassifier.metrics.ExactClusterMetrics;
import io.github.selfclassifier.metrics.hierarchy.ClassHierarchy;
import io.github.selfclassifier.metrics.hierarchy.HierarchyLevel;
import io.github.selfclassifier.metrics.hierarchy.ImageNetHierarchyFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Tutorial 4: evaluate with superclasses. Scores every head of a Fashion-MNIST model (tutorial 3's {@code
 * model.scmodel}) on the 10,000 test images, at the class level and at a superclass level: the cluster ->
 * class matching is done on the 10 classes, then both the matched class and the true class are mapped to
 * their superclass (tops, bottoms, dresses, footwear, bags), as the paper does with ImageNet's hierarchy.
 * With an ImageNet hierarchy folder as second argument it also lists that hierarchy's levels, the mappings
 * ImageNet models are scored with.
 *
 * <pre>
 * java -cp selfclassifier.jar io.github.selfclassifier.examples.tutorial.EvaluateWithSuperclasses MODEL [IMAGENET_INFO_DIR]
 * </pre>
 */
public final class EvaluateWithSuperclasses {
  /** Fashion-MNIST class -> superclass: 0 tops, 1 bottoms, 2 dresses, 3 footwear, 4 bags. */
  public static final SuperclassMapping FASHION_MNIST_SUPERCLASSES = SuperclassMapping.of(Map.of(
      0, 0, 2, 0, 4, 0, 6, 0,      // T-shirt/top, Pullover, Coat, Shirt -> tops
      1, 1,                         // Trouser -> bottoms
      3, 2,                         // Dress -> dresses
      5, 3, 7, 3, 9, 3,             // Sandal, Sneaker, Ankle boot -> footwear
      8, 4));                       // Bag -> bags

  private EvaluateWithSuperclasses() {}

  /**
   * Prints the class-level and superclass-level scores of every head.
   *
   * @param args the model file, then optionally a folder with the ImageNet hierarchy files
   * @throws IOException if the model, the data or the hierarchy cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: EvaluateWithSuperclasses MODEL [IMAGENET_INFO_DIR]");
      System.exit(2);
    }
    ByteImageSet test = IdxFiles.fashionMnist(IdxFiles.DEBIAN_FASHION_MNIST, false);
    int[] truth = test.labels().orElseThrow();
    MetricsOptions withSuperclasses =
        MetricsOptions.builder().optSuperclasses(FASHION_MNIST_SUPERCLASSES).build();
    try (SelfClassifierModel model = SelfClassifierModelFile.load(Path.of(args[0]), "PyTorch")) {
      List<ClusterPrediction> predictions = model.predictImages(test, 0, 256);
      for (int head = 0; head < model.numHeads(); head++) {
        int[] clusters = new int[predictions.size()];
        for (int i = 0; i < clusters.length; i++) {
          clusters[i] = predictions.get(i).clusterOfHead(head);
        }
        ClusteringScores s = new ExactClusterMetrics().scores(truth, clusters, withSuperclasses);
        System.out.printf("head %d (%d clusters): NMI %.3f ARI %.3f ACC %.3f superclass ACC %.3f%n",
            head, s.clusters(), s.nmi(), s.ari(), s.acc(), s.superclassAcc().orElseThrow());
      }
    }
    if (args.length > 1) {
      ClassHierarchy imagenet = ImageNetHierarchyFiles.load(Path.of(args[1]));
      System.out.println("ImageNet hierarchy levels (use superclassesAt(level).mapping() as above):");
      for (HierarchyLevel level : imagenet.levels()) {
        System.out.println("  " + level);
      }
    }
  }
}
