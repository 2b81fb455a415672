package io.github.selfclassifier.djl;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the DJL engine by name: {@value #PYTORCH} (the default) or {@value #MXNET}, matched
 * case-insensitively.
 *
 * <p>Why not {@link Engine#getInstance()}: with both engines on the class path DJL itself defaults to MXNet
 * (it has the better rank). And DJL leaves PyTorch's intra-op thread count to libtorch unless told, which
 * has been measured at a single thread next to MXNet. So this class picks the engine explicitly and gives
 * PyTorch as many intra-op threads as there are available processors, unless the user chose a number:
 * through the system property {@value #PYTORCH_THREADS_PROPERTY} (which DJL reads when it first loads
 * PyTorch) or the environment variable {@code OMP_NUM_THREADS} (which libtorch reads). The count is set on
 * every selection, so it also holds when PyTorch was loaded before this class was used. Inter-op threads
 * ({@code ai.djl.pytorch.num_interop_threads}) are left to DJL and the user.
 *
 * <p>Engines load their native libraries on first use; with {@code ai.djl.offline=true} that only works when
 * the native jars (e.g. {@code pytorch-native-cpu}, {@code mxnet-native-mkl}) are on the class path.
 */
public final class EngineSelector {
  /** DJL's name of the PyTorch engine, the default. */
  public static final String PYTORCH = "PyTorch";
  /** DJL's name of the MXNet engine. */
  public static final String MXNET = "MXNet";
  /** The engine used when none is named. */
  public static final String DEFAULT_ENGINE = PYTORCH;
  /** System property with which a user fixes PyTorch's intra-op thread count (read by DJL). */
  public static final String PYTORCH_THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

  private static final List<String> SUPPORTED = List.of(PYTORCH, MXNET);
  private static final Logger LOGGER = LoggerFactory.getLogger(EngineSelector.class);

  private EngineSelector() {}

  /**
   * The default engine, {@value #DEFAULT_ENGINE}.
   *
   * @return the loaded engine
   * @throws IllegalArgumentException if PyTorch is not on the class path
   */
  public static Engine defaultEngine() {
    return select(DEFAULT_ENGINE);
  }

  /**
   * The engine of the given name, loaded (natives included) and, for PyTorch, with its thread count set.
   *
   * @param name {@value #PYTORCH} or {@value #MXNET}, in any letter case
   * @return the loaded engine
   * @throws IllegalArgumentException if the name is not one of {@link #availableEngines()}; the message names
   *     the engine asked for and lists the available ones
   */
  public static Engine select(String name) {
    if (name == null) {
      throw new IllegalArgumentException("no engine named; available engines: " + describeAvailable());
    }
    String canonical = availableEngines().stream()
        .filter(engine -> engine.equalsIgnoreCase(name.trim()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown engine '" + name + "'; available engines: " + describeAvailable()));
    if (PYTORCH.equals(canonical)) {
      return pyTorchWithAllCores();
    }
    return Engine.getEngine(canonical);
  }

  /**
   * The engines this project supports, in order of preference: {@value #PYTORCH}, {@value #MXNET}.
   *
   * @return the supported engine names
   */
  public static List<String> supportedEngines() {
    return SUPPORTED;
  }

  /**
   * The supported engines whose DJL engine module is on the class path (their natives are not loaded yet).
   *
   * @return the available engine names, in order of preference
   */
  public static List<String> availableEngines() {
    return SUPPORTED.stream().filter(Engine::hasEngine).collect(Collectors.toList());
  }

  /**
   * The number of PyTorch intra-op threads this class asks for when the user did not choose one: the number
   * of processors available to the JVM.
   *
   * @return the thread count
   */
  public static int defaultPyTorchThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  private static String describeAvailable() {
    List<String> available = availableEngines();
    return available.isEmpty() ? "none (add pytorch-engine or mxnet-engine)" : String.join(", ", available);
  }

  private static synchronized Engine pyTorchWithAllCores() {
    boolean userChose = System.getProperty(PYTORCH_THREADS_PROPERTY) != null
        || System.getenv("OMP_NUM_THREADS") != null;
    Engine engine = Engine.getEngine(PYTORCH);
    if (!userChose) {
      int wanted = defaultPyTorchThreads();
      int current = JniUtils.getNumThreads();
      if (current != wanted) {
        // DJL reads the property only when it first loads PyTorch; set the count directly so that it also
        // holds when PyTorch was loaded earlier (or next to MXNet)
        JniUtils.setNumThreads(wanted);
        LOGGER.debug("PyTorch intra-op threads {} -> {}", current, wanted);
      }
    }
    return engine;
  }
}
