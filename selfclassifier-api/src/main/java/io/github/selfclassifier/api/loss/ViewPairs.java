package io.github.selfclassifier.api.loss;

/**
 * Which (target view, prediction view) pairs enter the Self-Classifier loss. Views 0 and 1 are the two global
 * crops, views 2 and above are local crops. A pair {@code (i, j)} counts when {@code i != j} and not both views
 * are local: every view predicts the targets of every other view, except that local crops never predict each
 * other.
 */
public final class ViewPairs {
  /** Number of global views; they come first, so local views start at this index. */
  public static final int GLOBAL_VIEWS = 2;

  private ViewPairs() {}

  /**
   * Whether the targets of view {@code targetView} and the predictions of view {@code predictionView} form a
   * term of the loss.
   *
   * @param targetView index {@code i} of the view whose batch-axis softmax is the target
   * @param predictionView index {@code j} of the view whose class-axis softmax is the prediction
   * @return {@code i != j} and not ({@code i >= 2} and {@code j >= 2})
   */
  public static boolean isLossPair(int targetView, int predictionView) {
    return targetView != predictionView
        && (targetView < GLOBAL_VIEWS || predictionView < GLOBAL_VIEWS);
  }

  /**
   * Number of pairs per head for {@code views} views: {@code V (V - 1) - (V - 2) (V - 3)}, the ordered pairs of
   * distinct views minus the ordered pairs of distinct local views.
   *
   * @param views the number of views {@code V}, at least 2
   * @return the number of (target, prediction) pairs that enter the loss
   * @throws IllegalArgumentException if {@code views < 2}
   */
  public static int pairsPerHead(int views) {
    requireViews(views);
    int locals = views - GLOBAL_VIEWS;
    return views * (views - 1) - locals * (locals - 1);
  }

  /**
   * Checks that there are enough views for the loss to have a term.
   *
   * @param views the number of views
   * @throws IllegalArgumentException if {@code views < 2}
   */
  public static void requireViews(int views) {
    if (views < GLOBAL_VIEWS) {
      throw new IllegalArgumentException(
          "the loss needs at least " + GLOBAL_VIEWS + " (global) views, got " + views);
    }
  }
}
