package io.github.selfclassifier.djl.eval;

/**
 * The outcome of a weighted k-NN evaluation.
 *
 * @param k the number of neighbours used (the configured k, capped at the number of candidates)
 * @param temperature the temperature T of the weights exp(cos / T)
 * @param samples the number of evaluated (test) samples
 * @param top1 the fraction of samples whose highest-scoring class is their label, in [0, 1]
 * @param top5 the fraction whose label is among the 5 highest-scoring classes (1 when there are at most 5
 *     classes), in [0, 1]
 * @param predictions the highest-scoring class of each sample (ties: the lowest class index); use {@link
 *     #predictions()} for a copy
 */
public record KnnResult(int k, double temperature, int samples, double top1, double top5, int[] predictions) {

  /** Copies the predictions. */
  public KnnResult {
    predictions = predictions.clone();
  }

  /**
   * The predicted class of each sample.
   *
   * @return a copy
   */
  @Override
  public int[] predictions() {
    return predictions.clone();
  }
}
