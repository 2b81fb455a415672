package io.github.selfclassifier.djl.inference;

/**
 * How {@link SelfClassifierModel#predictFolder} runs: which head decides the cluster, how many images go
 * through the network at once, how many threads decode, and whether an unreadable image is an error.
 * Immutable; build with {@link #builder()}.
 */
public final class FolderPredictionOptions {
  private final int head;
  private final int batchSize;
  private final int decodeThreads;
  private final boolean strict;

  private FolderPredictionOptions(Builder b) {
    this.head = b.head;
    this.batchSize = b.batchSize;
    this.decodeThreads = b.decodeThreads;
    this.strict = b.strict;
  }

  /**
   * Starts a builder (every setting has a default).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The defaults: head 0, batches of 64, decoding on all available processors, unreadable images skipped.
   *
   * @return the default options
   */
  public static FolderPredictionOptions defaults() {
    return builder().build();
  }

  /**
   * The head whose argmax is the cluster.
   *
   * @return the head index
   */
  public int head() {
    return head;
  }

  /**
   * Images per forward pass (and per decoded chunk).
   *
   * @return the batch size
   */
  public int batchSize() {
    return batchSize;
  }

  /**
   * Decoding threads.
   *
   * @return at least 1
   */
  public int decodeThreads() {
    return decodeThreads;
  }

  /**
   * Whether an unreadable image fails the run.
   *
   * @return true to fail, false to skip and report
   */
  public boolean strict() {
    return strict;
  }

  @Override
  public String toString() {
    return "FolderPredictionOptions[head=" + head + ", batchSize=" + batchSize + ", decodeThreads="
        + decodeThreads + ", strict=" + strict + "]";
  }

  /** Builder of {@link FolderPredictionOptions}. */
  public static final class Builder {
    private int head;
    private int batchSize = 64;
    private int decodeThreads = Runtime.getRuntime().availableProcessors();
    private boolean strict;

    private Builder() {}

    /**
     * Sets the head whose argmax is the cluster (default 0).
     *
     * @param head 0 to H-1
     * @return this builder
     */
    public Builder optHead(int head) {
      this.head = head;
      return this;
    }

    /**
     * Sets the images per forward pass (default 64).
     *
     * @param batchSize positive
     * @return this builder
     */
    public Builder optBatchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Sets the decoding threads (default: the available processors).
     *
     * @param threads positive
     * @return this builder
     */
    public Builder optDecodeThreads(int threads) {
      this.decodeThreads = threads;
      return this;
    }

    /**
     * Sets whether an unreadable image fails the run (default false: skipped, logged, reported).
     *
     * @param strict true to fail
     * @return this builder
     */
    public Builder optStrict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the options
     * @throws IllegalArgumentException if a value is out of range
     */
    public FolderPredictionOptions build() {
      if (head < 0) {
        throw new IllegalArgumentException("head must not be negative: " + head);
      }
      if (batchSize < 1 || decodeThreads < 1) {
        throw new IllegalArgumentException(
            "batchSize and decodeThreads must be positive: " + batchSize + ", " + decodeThreads);
      }
      return new FolderPredictionOptions(this);
    }
  }
}
