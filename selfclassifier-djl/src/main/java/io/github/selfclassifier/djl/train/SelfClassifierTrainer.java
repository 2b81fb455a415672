package io.github.selfclassifier.djl.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import io.github.selfclassifier.api.augment.AugmentationConfig;
import io.github.selfclassifier.api.augment.Augmenter;
import io.github.selfclassifier.api.optim.LearningRateSchedule;
import io.github.selfclassifier.api.train.EpochInfo;
import io.github.selfclassifier.api.train.StepInfo;
import io.github.selfclassifier.api.train.TrainingConfig;
import io.github.selfclassifier.api.train.TrainingDivergedException;
import io.github.selfclassifier.api.train.TrainingListener;
import io.github.selfclassifier.api.train.TrainingStoppedException;
import io.github.selfclassifier.djl.ArrayUpload;
import io.github.selfclassifier.djl.EngineSelector;
import io.github.selfclassifier.djl.augment.FloatImage;
import io.github.selfclassifier.djl.inference.InputPreprocessing;
import io.github.selfclassifier.djl.inference.SelfClassifierModelFile;
import io.github.selfclassifier.djl.augment.MultiCropAugmenter;
import io.github.selfclassifier.djl.data.ByteImageSet;
import io.github.selfclassifier.djl.eval.ExtractedOutput;
import io.github.selfclassifier.djl.eval.FeatureExtractor;
import io.github.selfclassifier.djl.loss.NdSelfClassifierLoss;
import io.github.selfclassifier.djl.model.SelfClassifierBlock;
import io.github.selfclassifier.djl.model.SelfClassifierModels;
import io.github.selfclassifier.djl.optim.BiasAndNormRule;
import io.github.selfclassifier.djl.optim.ScheduleTracker;
import io.github.selfclassifier.djl.optim.SelfClassifierOptimizer;
import io.github.selfclassifier.djl.queue.NearestNeighborQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a Self-Classifier network on an image set: the loop owns the step (DJL's {@code EasyTrain} would
 * compute the batch-wide loss per device slice, which is wrong for this loss).
 *
 * <p>One step, in this order:
 *
 * <ol>
 *   <li>take the next batch of the epoch ({@link EpochOrder}: a permutation fixed by (seed, epoch), the last
 *       incomplete batch dropped) with its views, prepared ahead on background threads ({@link
 *       ViewBatchLoader}; each sample's views seeded by (seed, epoch, dataset index));
 *   <li>in a per-step sub-manager and {@link NDScope}, inside a {@link GradientCollector}, in training mode:
 *       the backbone once on the 2B global views and once on the L*B local views (another size), the MLP
 *       head once on all features (as the reference, so its BatchNorm sees all views), then, when the
 *       nearest-neighbour queue is on and full, view 0's embeddings replaced by their queue neighbours, then
 *       the classifiers;
 *   <li>the loss ({@link NdSelfClassifierLoss}) over all heads and views; a NaN or infinite loss throws
 *       {@link TrainingDivergedException} before any parameter changes;
 *   <li>backward; view 0's embeddings pushed to the queue;
 *   <li>outside the scope: the learning rate of the step set on the {@link ScheduleTracker}, every trainable
 *       parameter updated by the {@link SelfClassifierOptimizer} under its name, then its gradient zeroed
 *       (PyTorch accumulates gradients, MXNet overwrites them: zeroing makes both the same).
 * </ol>
 *
 * <p>Memory: the model, the optimiser state and the queue live in long-lived managers; everything of a step
 * lives in the step's sub-manager, closed at the end of the step. {@link #close()} frees everything.
 *
 * <p>Checkpoints ({@link TrainingCheckpoint}), when a folder is configured: every {@link
 * TrainingConfig#checkpointEverySteps()} steps and at every epoch end, written atomically, the newest 2 kept.
 * A trainer built on a folder that holds a complete checkpoint resumes from the newest one; with the same
 * config and data, the resumed run takes the same steps as an uninterrupted one.
 *
 * <p>Devices ({@link TrainingConfig#devices()}; empty means all GPUs, else the CPU): the batch is split
 * evenly across them and their logits gathered on the first before the loss ({@link SplitBatchForward});
 * the first device holds the parameters the optimiser updates, the others copies refreshed after every
 * update ({@link ReplicatedParameterStore}).
 *
 * <p>Stopping: an interrupt of the training thread, a JVM shutdown (SIGTERM, Ctrl-C) or {@link
 * #requestStop()} stops {@link #fit()} between two steps, with a checkpoint, by {@link
 * TrainingStoppedException}; see {@link #fit()}. Not thread-safe, except {@link #requestStop()}.
 */
public final class SelfClassifierTrainer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SelfClassifierTrainer.class);
  private static final int CHECKPOINTS_KEPT = 2;

  /** How long a JVM shutdown waits for the step in flight and the stop checkpoint, unless set otherwise. */
  public static final Duration DEFAULT_SHUTDOWN_GRACE_PERIOD = Duration.ofMinutes(5);

  private final TrainingConfig config;
  private final ByteImageSet data;
  private final Engine engine;
  private final List<Device> devices;
  private final Device device;
  private final NDManager manager;
  private final SelfClassifierBlock model;
  private final ReplicatedParameterStore parameterStore;
  private final SplitBatchForward splitForward;
  private final Map<String, Parameter> parameters;
  private final ScheduleTracker scheduleTracker;
  private final SelfClassifierOptimizer optimizer;
  private final NdSelfClassifierLoss loss;
  private final EpochOrder order;
  private final ViewBatchLoader loader;
  private final List<TrainingListener> listeners;
  private final Duration shutdownGracePeriod;
  private volatile boolean stopRequested;
  private volatile boolean shuttingDown;
  private NearestNeighborQueue queue;
  private int epoch;
  private long stepInEpoch;
  private long globalStep;

  private SelfClassifierTrainer(Builder b) {
    this.config = b.config;
    this.data = b.data;
    AugmentationConfig augmentation = config.augmentation();
    if (data.channels() != augmentation.channels() && data.channels() != 1 && data.channels() != 3) {
      throw new IllegalArgumentException("images have " + data.channels() + " channels");
    }
    this.engine = EngineSelector.select(config.engineName());
    this.devices = resolveDevices(engine, config.devices());
    this.device = devices.get(0);
    if (config.batchSize() % devices.size() != 0) {
      throw new IllegalArgumentException("batch " + config.batchSize() + " does not split evenly across "
          + devices.size() + " devices " + devices);
    }
    this.order = new EpochOrder(data.size(), config.batchSize(), config.seed());
    this.manager = engine.newBaseManager(device);
    engine.setRandomSeed((int) (config.seed() ^ (config.seed() >>> 32)));
    this.model = SelfClassifierModels.build(config.model());
    model.initialize(manager, DataType.FLOAT32,
        new Shape(2, augmentation.channels(), augmentation.globalCropSize(), augmentation.globalCropSize()));
    this.parameters = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : model.getParameters()) {
      parameters.put(p.getKey(), p.getValue());
    }
    this.parameterStore = new ReplicatedParameterStore(manager, parameters, devices);
    LearningRateSchedule schedule = config.schedule(order.stepsPerEpoch());
    this.scheduleTracker = new ScheduleTracker(schedule);
    this.optimizer =
        SelfClassifierOptimizer.fromConfig(config.optimizer(), scheduleTracker, BiasAndNormRule.of(model));
    this.loss = new NdSelfClassifierLoss(config.loss());
    this.splitForward = new SplitBatchForward(model, parameterStore, devices, loss);
    this.queue = config.queueLength() > 0
        ? NearestNeighborQueue.create(manager, config.queueLength(), config.model().embeddingDim())
        : null;
    Augmenter<FloatImage, FloatImage> augmenter =
        b.augmenter != null ? b.augmenter : new MultiCropAugmenter(augmentation);
    if (augmenter.viewCount() != config.viewCount()) {
      throw new IllegalArgumentException("the augmenter makes " + augmenter.viewCount()
          + " views but the config asks for " + config.viewCount());
    }
    this.loader = new ViewBatchLoader(data, augmenter, order, config.seed(), augmentation.channels(),
        augmentation.globalCropSize(), augmentation.localCropSize(), config.loaderThreads(),
        config.prefetchDepth());
    this.listeners = List.copyOf(b.listeners);
    this.shutdownGracePeriod = b.shutdownGracePeriod;
    if (config.checkpointFolder().isPresent()) {
      Optional<TrainingCheckpoint> newest;
      try {
        newest = TrainingCheckpoint.loadNewest(config.checkpointFolder().get());
      } catch (IOException e) {
        close();
        throw new UncheckedIOException("cannot resume from the checkpoints in " + config.checkpointFolder().get()
            + ": " + e.getMessage(), e);
      }
      if (newest.isPresent()) {
        try {
          restore(newest.get());
        } catch (RuntimeException e) {
          close();
          throw e;
        }
        LOG.info("resumed from the checkpoint of step {} (epoch {}, step {} of the epoch)",
            globalStep, epoch, stepInEpoch);
      }
    }
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  private static List<Device> resolveDevices(Engine engine, List<String> names) {
    List<Device> out = new ArrayList<>();
    if (names.isEmpty()) {
      for (int i = 0; i < engine.getGpuCount(); i++) {
        out.add(Device.gpu(i));
      }
      if (out.isEmpty()) {
        out.add(Device.cpu());
      }
      return List.copyOf(out);
    }
    for (String name : names) {
      out.add(Device.fromName(name, engine));
    }
    return List.copyOf(out);
  }

  /**
   * Trains until the end of the configured epochs, from the current position.
   *
   * <p>Stopping early: fit() checks between steps whether its thread was interrupted, the JVM began to shut
   * down (SIGTERM, Ctrl-C: a shutdown hook is registered for the duration of the call) or {@link
   * #requestStop()} was called. A step in flight is always finished (native memory is never freed under
   * it); then, if a checkpoint folder is configured, a checkpoint of the position is written, and fit()
   * throws {@link TrainingStoppedException}. After an interrupt the thread's interrupt flag is left set. On
   * shutdown the hook holds the JVM's exit until fit() has left (at most {@link
   * Builder#optShutdownGracePeriod the grace period}), and {@link #close()} then leaves native memory to the
   * operating system instead of freeing it while the JVM exits.
   *
   * @throws TrainingDivergedException if a step's loss is NaN or infinite
   * @throws TrainingStoppedException if training stopped before the end, as above
   */
  public void fit() {
    CountDownLatch fitExited = new CountDownLatch(1);
    Thread hook = new Thread(() -> holdShutdownUntilStopped(fitExited), "selfclassifier-trainer-shutdown");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
    } catch (IllegalStateException e) {
      shuttingDown = true; // the JVM is already shutting down
      hook = null;
    }
    try {
      fitUntilStopped();
    } finally {
      fitExited.countDown();
      if (hook != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // the JVM is shutting down; the hook is running and has just been released
        }
      }
    }
  }

  /**
   * Asks {@link #fit()} to stop after the step in flight (with a checkpoint, if a folder is configured); it
   * then throws {@link TrainingStoppedException} with reason {@code REQUESTED}. Safe to call from any
   * thread; without a running fit() the next fit() stops before its first step.
   */
  public void requestStop() {
    stopRequested = true;
  }

  private void holdShutdownUntilStopped(CountDownLatch fitExited) {
    shuttingDown = true;
    LOG.warn("JVM shutdown: training stops after the step in flight (waiting up to {})", shutdownGracePeriod);
    try {
      if (!fitExited.await(shutdownGracePeriod.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.error("training did not stop within {}; the JVM exits with a step in flight", shutdownGracePeriod);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private TrainingStoppedException.Reason pendingStop() {
    if (Thread.currentThread().isInterrupted()) {
      return TrainingStoppedException.Reason.INTERRUPTED;
    }
    if (shuttingDown) {
      return TrainingStoppedException.Reason.SHUTDOWN;
    }
    return stopRequested ? TrainingStoppedException.Reason.REQUESTED : null;
  }

  /** Writes the checkpoint of the current position (with the interrupt flag cleared meanwhile). */
  private TrainingStoppedException stopHere(TrainingStoppedException.Reason reason) {
    boolean interrupted = Thread.interrupted();
    try {
      Path file = writeCheckpointIfConfigured();
      TrainingStoppedException stopped =
          new TrainingStoppedException(reason, epoch, stepInEpoch, globalStep, file);
      LOG.warn("{}", stopped.getMessage());
      return stopped;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private ViewBatch nextBatch() {
    try {
      return loader.next();
    } catch (IllegalStateException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw stopHere(TrainingStoppedException.Reason.INTERRUPTED);
      }
      throw e;
    }
  }

  private void fitUntilStopped() {
    if (EngineSelector.PYTORCH.equals(engine.getEngineName())) {
      PyTorchGradMode.disableOnThisThread();
    }
    long totalSteps = totalSteps();
    for (TrainingListener l : listeners) {
      l.onTrainingStart(config, globalStep, totalSteps);
    }
    long start = System.nanoTime();
    long startStep = globalStep;
    while (epoch < config.epochs()) {
      long epochStart = System.nanoTime();
      loader.startEpoch(epoch, stepInEpoch);
      EpochTotals totals = new EpochTotals();
      while (stepInEpoch < order.stepsPerEpoch()) {
        TrainingStoppedException.Reason stop = pendingStop();
        if (stop != null) {
          throw stopHere(stop);
        }
        ViewBatch batch = nextBatch();
        double lr = scheduleTracker.schedule().at(globalStep);
        StepResult r = step(batch);
        stepInEpoch++;
        globalStep++;
        totals.add(r);
        long elapsed = System.nanoTime() - start;
        long eta = (long) ((double) elapsed / (globalStep - startStep) * (totalSteps - globalStep));
        StepInfo info = new StepInfo(epoch, stepInEpoch - 1, order.stepsPerEpoch(), globalStep - 1,
            totalSteps, r.loss, lr, r.distinctClusters, r.neighborAccuracy, elapsed, eta);
        for (TrainingListener l : listeners) {
          l.onStep(info);
        }
        if (config.checkpointEverySteps() > 0 && globalStep % config.checkpointEverySteps() == 0
            && stepInEpoch < order.stepsPerEpoch()) {
          writeCheckpointIfConfigured();
        }
      }
      EpochInfo info = totals.toInfo(epoch, config.epochs(), globalStep,
          scheduleTracker.schedule().at(globalStep - 1), System.nanoTime() - epochStart);
      epoch++;
      stepInEpoch = 0;
      writeCheckpointIfConfigured();
      for (TrainingListener l : listeners) {
        l.onEpochEnd(info);
      }
    }
    for (TrainingListener l : listeners) {
      l.onTrainingEnd(globalStep);
    }
  }

  private StepResult step(ViewBatch batch) {
    int b = batch.size();
    AugmentationConfig aug = config.augmentation();
    double lossValue;
    int distinct;
    double neighborAccuracy = Double.NaN;
    List<NDManager> otherDeviceManagers = new ArrayList<>();
    try (NDManager stepManager = manager.newSubManager()) {
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        boolean neighborsKnown = queue != null && queue.isFull() && batch.labels() != null;
        long[] neighbors = neighborsKnown ? new long[b] : null;
        SplitBatchForward.Output out;
        try (GradientCollector collector = engine.newGradientCollector()) {
          out = splitForward.forward(d -> {
                if (d.equals(device)) {
                  return stepManager;
                }
                NDManager m = NDManager.newBaseManager(d, engine.getEngineName());
                otherDeviceManagers.add(m);
                return m;
              }, batch, aug.channels(), aug.globalCropSize(), aug.localCropSize(), config.viewCount(),
              queue, neighbors);
          lossValue = out.loss().toType(DataType.FLOAT64, false).getDouble();
          if (!Double.isFinite(lossValue)) {
            throw new TrainingDivergedException(epoch, stepInEpoch, globalStep, lossValue);
          }
          collector.backward(out.loss());
        }
        distinct = distinctCount(out.firstViewLogits().argMax(1).toLongArray());
        if (neighbors != null) {
          int same = 0;
          for (int i = 0; i < b; i++) {
            same += data.label((int) neighbors[i]) == batch.labels()[i] ? 1 : 0;
          }
          neighborAccuracy = (double) same / b;
        }
        if (queue != null) {
          queue.push(out.firstViewEmbeddings(), batch.indices());
        }
      } finally {
        for (NDManager m : otherDeviceManagers) {
          m.close();
        }
      }
      scheduleTracker.setStep(globalStep);
      parameterStore.addReplicaGradientsToPrimary();
      for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
        Parameter p = e.getValue();
        if (!p.requiresGradient()) {
          continue;
        }
        NDArray weight = p.getArray();
        try (NDArray grad = weight.getGradient()) {
          optimizer.update(e.getKey(), weight, grad);
          grad.subi(grad);
        }
      }
      parameterStore.copyPrimaryToReplicas();
    }
    return new StepResult(lossValue, distinct, neighborAccuracy);
  }

  private static int distinctCount(long[] predictions) {
    return (int) java.util.Arrays.stream(predictions).distinct().count();
  }

  /**
   * Writes a checkpoint if a folder is configured. An interrupt that arrives during the write closes the
   * file channel (ClosedByInterruptException); the write is then repeated once with the flag cleared, and the
   * flag restored, so an interrupt never costs the checkpoint.
   *
   * @return the file written, or null without a checkpoint folder
   */
  private Path writeCheckpointIfConfigured() {
    if (config.checkpointFolder().isEmpty()) {
      return null;
    }
    Path folder = config.checkpointFolder().get();
    TrainingCheckpoint state = checkpoint();
    Path file;
    try {
      try {
        file = state.writeAtomically(folder, CHECKPOINTS_KEPT);
      } catch (ClosedByInterruptException e) {
        Thread.interrupted();
        try {
          file = state.writeAtomically(folder, CHECKPOINTS_KEPT);
        } finally {
          Thread.currentThread().interrupt();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a checkpoint to " + folder, e);
    }
    for (TrainingListener l : listeners) {
      l.onCheckpoint(file, globalStep);
    }
    return file;
  }

  /**
   * The current state as a checkpoint: parameters and optimiser state by parameter name, the queue, the
   * position and the config.
   *
   * @return the checkpoint, in plain Java arrays
   */
  public TrainingCheckpoint checkpoint() {
    Map<String, TrainingCheckpoint.NamedArray> values = new LinkedHashMap<>();
    for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
      NDArray a = e.getValue().getArray();
      values.put(e.getKey(), new TrainingCheckpoint.NamedArray(a.getShape().getShape(), a.toFloatArray()));
    }
    return new TrainingCheckpoint(TrainingCheckpoint.FORMAT_VERSION, TrainingConfigJson.toJson(config), epoch,
        stepInEpoch, globalStep, values, optimizer.exportState(device), queue == null ? null : queue.snapshot());
  }

  /**
   * Saves the current network as a trained-model file for apps ({@link
   * SelfClassifierModelFile}): parameters by name, the model config,
   * the evaluation preprocessing (global crop size, channels, interpolation, mean and std of the
   * augmentation) and this run's config as JSON. Load it with {@code SelfClassifierModelFile.load(file,
   * engine)} on either engine.
   *
   * @param file the file to write, conventionally ending in {@code .scmodel}
   * @return the written file
   * @throws IOException if writing fails
   */
  public Path saveModel(Path file) throws IOException {
    return SelfClassifierModelFile.save(file, model, config.model(),
        InputPreprocessing.fromAugmentation(config.augmentation()),
        TrainingConfigJson.toJson(config), engine.getEngineName(), globalStep);
  }

  /**
   * Continues from a checkpoint: parameters and optimiser state by name, the queue and the position. The
   * trainer's config stays in force (the checkpoint's config JSON is informative).
   *
   * @param checkpoint the checkpoint
   * @throws IllegalArgumentException if a parameter is missing or has another shape, the queue's length
   *     differs from the config's, or the position does not fit this run's steps per epoch
   */
  public void restore(TrainingCheckpoint checkpoint) {
    if (checkpoint.stepInEpoch() >= order.stepsPerEpoch()
        || checkpoint.globalStep() != checkpoint.epoch() * order.stepsPerEpoch() + checkpoint.stepInEpoch()) {
      throw new IllegalArgumentException("the checkpoint (epoch " + checkpoint.epoch() + ", step "
          + checkpoint.stepInEpoch() + ", global step " + checkpoint.globalStep() + ") does not fit "
          + order.stepsPerEpoch() + " steps per epoch: was it made with another batch size or data set?");
    }
    for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
      TrainingCheckpoint.NamedArray saved = checkpoint.parameters().get(e.getKey());
      if (saved == null) {
        throw new IllegalArgumentException("the checkpoint has no parameter " + e.getKey());
      }
      NDArray a = e.getValue().getArray();
      if (!new Shape(saved.shape()).equals(a.getShape())) {
        throw new IllegalArgumentException("parameter " + e.getKey() + " is " + a.getShape()
            + " but the checkpoint holds " + new Shape(saved.shape()));
      }
      ArrayUpload.set(a, saved.values());
    }
    if ((checkpoint.queue() == null) != (queue == null)
        || (queue != null && checkpoint.queue().capacity() != queue.capacity())) {
      throw new IllegalArgumentException("the checkpoint's queue does not match the queue length "
          + config.queueLength());
    }
    optimizer.importState(checkpoint.optimizerState(), device, engine.getEngineName(), DataType.FLOAT32);
    if (queue != null) {
      queue.close();
      queue = NearestNeighborQueue.restore(manager, checkpoint.queue());
    }
    parameterStore.copyPrimaryToReplicas();
    epoch = checkpoint.epoch();
    stepInEpoch = checkpoint.stepInEpoch();
    globalStep = checkpoint.globalStep();
  }

  /**
   * Predicts the cluster (argmax of one head) of every image, in evaluation mode, without augmentation: the
   * images are scaled to [0, 1] and normalised with the augmentation's mean and std (through {@link
   * FeatureExtractor}, the one inference path of the evaluation).
   *
   * @param images images with the config's channels and the global crop size as side
   * @param head the classifier head, 0 to H-1
   * @param batchSize the images per forward pass
   * @return the predicted cluster of each image
   */
  public int[] predictClusters(ByteImageSet images, int head, int batchSize) {
    Objects.checkIndex(head, model.numHeads());
    FeatureExtractor extractor = FeatureExtractor.builder()
        .setModel(model)
        .setManager(manager)
        .optParameterStore(parameterStore)
        .setPreprocessing(config.augmentation())
        .optBatchSize(batchSize)
        .optOutputs(EnumSet.noneOf(ExtractedOutput.class))
        .build();
    return extractor.extract(images).clusters(head);
  }

  /**
   * The total number of steps of the run.
   *
   * @return epochs times steps per epoch
   */
  public long totalSteps() {
    return config.epochs() * order.stepsPerEpoch();
  }

  /**
   * The number of steps per epoch.
   *
   * @return full batches per epoch
   */
  public long stepsPerEpoch() {
    return order.stepsPerEpoch();
  }

  /**
   * The number of steps taken so far (including those before a resume).
   *
   * @return the global step
   */
  public long globalStep() {
    return globalStep;
  }

  /**
   * The current epoch (equal to the number of epochs once training is finished).
   *
   * @return the epoch
   */
  public int epoch() {
    return epoch;
  }

  /**
   * The run's settings.
   *
   * @return the config
   */
  public TrainingConfig config() {
    return config;
  }

  /**
   * The network being trained; its parameters live in this trainer's manager.
   *
   * @return the model
   */
  public SelfClassifierBlock model() {
    return model;
  }

  /**
   * The first device, which holds the parameters, the optimiser state and the queue, and computes the loss.
   *
   * @return the device
   */
  public Device device() {
    return device;
  }

  /**
   * A copy of every parameter (trainable or not, e.g. BatchNorm statistics) by name.
   *
   * @return parameter name to flat float32 values, in the model's parameter order
   */
  public Map<String, float[]> parameterValues() {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
      out.put(e.getKey(), e.getValue().getArray().toFloatArray());
    }
    return out;
  }

  /**
   * The number of native arrays alive in the trainer's managers (model, step scratch, queue) plus the
   * optimiser state: a diagnostic that stays constant from step to step when nothing leaks.
   *
   * @return the live array count
   */
  int liveArrayCount() {
    return manager.getManagedArrays().size() + optimizer.stateArrayCount();
  }

  /**
   * Stops the loader and frees the model, the optimiser state and the queue. While the JVM shuts down during
   * {@link #fit()} only the loader is stopped: native memory is left to the operating system, so nothing is
   * freed while the engines' own exit code runs.
   */
  @Override
  public void close() {
    loader.close();
    if (shuttingDown) {
      return;
    }
    optimizer.close();
    parameterStore.close();
    if (queue != null) {
      queue.close();
    }
    manager.close();
  }

  /**
   * PyTorch's grad mode is per thread and on in a new thread; DJL turns it off only on the thread that loads
   * the engine. With it on, the optimiser's in-place update of a parameter outside the gradient collector
   * fails ("a leaf Variable that requires grad is being used in an in-place operation"), so fit() on any
   * other thread failed at its first update. Separate so the PyTorch classes load only when PyTorch is used.
   */
  private static final class PyTorchGradMode {
    static void disableOnThisThread() {
      ai.djl.pytorch.jni.JniUtils.setGradMode(false);
    }
  }

  private record StepResult(double loss, int distinctClusters, double neighborAccuracy) {}

  private static final class EpochTotals {
    long steps;
    double loss;
    double clusters;
    double neighborAccuracy;
    long neighborSteps;

    void add(StepResult r) {
      steps++;
      loss += r.loss;
      clusters += r.distinctClusters;
      if (!Double.isNaN(r.neighborAccuracy)) {
        neighborAccuracy += r.neighborAccuracy;
        neighborSteps++;
      }
    }

    EpochInfo toInfo(int epoch, int epochs, long globalStep, double lr, long nanos) {
      return new EpochInfo(epoch, epochs, globalStep, steps, steps == 0 ? Double.NaN : loss / steps,
          steps == 0 ? Double.NaN : clusters / steps,
          neighborSteps == 0 ? Double.NaN : neighborAccuracy / neighborSteps, lr, nanos);
    }
  }

  /** Builder of {@link SelfClassifierTrainer}: the config and the data are required. */
  public static final class Builder {
    private TrainingConfig config;
    private ByteImageSet data;
    private Augmenter<FloatImage, FloatImage> augmenter;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private Duration shutdownGracePeriod = DEFAULT_SHUTDOWN_GRACE_PERIOD;

    private Builder() {}

    /**
     * Sets how long a JVM shutdown during {@link #fit()} waits for the step in flight and the checkpoint
     * (default {@link #DEFAULT_SHUTDOWN_GRACE_PERIOD}); after that the JVM exits anyway. Set it above the
     * time of one step plus one checkpoint.
     *
     * @param gracePeriod a positive duration
     * @return this builder
     * @throws IllegalArgumentException if the duration is not positive
     */
    public Builder optShutdownGracePeriod(Duration gracePeriod) {
      Objects.requireNonNull(gracePeriod, "gracePeriod");
      if (gracePeriod.isNegative() || gracePeriod.isZero()) {
        throw new IllegalArgumentException("the shutdown grace period must be positive, got " + gracePeriod);
      }
      this.shutdownGracePeriod = gracePeriod;
      return this;
    }

    /**
     * Sets the run's settings (required).
     *
     * @param config the config
     * @return this builder
     */
    public Builder setConfig(TrainingConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Sets the training images (required; labels, if any, are only used for reporting).
     *
     * @param data the images
     * @return this builder
     */
    public Builder setData(ByteImageSet data) {
      this.data = Objects.requireNonNull(data, "data");
      return this;
    }

    /**
     * Sets the augmentation (default a {@link MultiCropAugmenter} of the config's augmentation settings). It
     * must draw all randomness from the generator it is given, so runs are reproducible.
     *
     * @param augmenter the augmenter; views 0 and 1 of the global size, the others of the local size
     * @return this builder
     */
    public Builder optAugmenter(Augmenter<FloatImage, FloatImage> augmenter) {
      this.augmenter = Objects.requireNonNull(augmenter, "augmenter");
      return this;
    }

    /**
     * Adds a listener, called in the order added.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder addListener(TrainingListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the trainer: loads the engine, builds and initialises the model from the seed.
     *
     * @return the trainer
     * @throws IllegalArgumentException if the config and the data disagree
     */
    public SelfClassifierTrainer build() {
      Objects.requireNonNull(config, "config must be set");
      Objects.requireNonNull(data, "data must be set");
      return new SelfClassifierTrainer(this);
    }
  }
}
