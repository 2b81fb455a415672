package io.github.selfclassifier.djl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.selfclassifier.api.train.TrainingConfig;
import io.github.selfclassifier.djl.optim.OptimizerParameterState;
import io.github.selfclassifier.djl.queue.NearestNeighborQueueState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint file: round trip (the config included), retention, incomplete files ignored, files of
 * another format version rejected.
 */
class TrainingCheckpointTest {
  @TempDir Path folder;

  private static TrainingCheckpoint checkpoint(long step) {
    return checkpoint(step, "{\"seed\":1}");
  }

  private static TrainingCheckpoint checkpoint(long step, String configJson) {
    return new TrainingCheckpoint(TrainingCheckpoint.FORMAT_VERSION, configJson, 2, 3, step,
        Map.of("w", new TrainingCheckpoint.NamedArray(new long[] {2, 2}, new float[] {1, 2, 3, step})),
        Map.of("w", new OptimizerParameterState(5, List.of(new float[] {9, 8, 7, 6}),
            List.of(new long[] {2, 2}))),
        new NearestNeighborQueueState(2, 1, new float[] {0.5f, -0.5f}, new long[] {4, 7}, 0, 2));
  }

  @Test
  void roundTripKeepsEveryField() throws Exception {
    Path file = checkpoint(12).writeAtomically(folder, 2);
    TrainingCheckpoint read = TrainingCheckpoint.read(file);
    assertThat(file.getFileName().toString()).isEqualTo("checkpoint-000000000012.sccp");
    assertThat(read.configJson()).isEqualTo("{\"seed\":1}");
    assertThat(read.epoch()).isEqualTo(2);
    assertThat(read.stepInEpoch()).isEqualTo(3);
    assertThat(read.globalStep()).isEqualTo(12);
    assertThat(read.parameters().get("w").values()).containsExactly(1, 2, 3, 12);
    assertThat(read.parameters().get("w").shape()).containsExactly(2, 2);
    assertThat(read.optimizerState().get("w").updates()).isEqualTo(5);
    assertThat(read.optimizerState().get("w").values().get(0)).containsExactly(9, 8, 7, 6);
    assertThat(read.queue()).isEqualTo(checkpoint(12).queue());
  }

  @Test
  void keepsTheNewestTwoAndSkipsTemporaryAndTruncatedFiles() throws Exception {
    for (long step : new long[] {2, 4, 6}) {
      checkpoint(step).writeAtomically(folder, 2);
    }
    assertThat(TrainingCheckpoint.list(folder)).extracting(p -> p.getFileName().toString())
        .containsExactly("checkpoint-000000000004.sccp", "checkpoint-000000000006.sccp");
    // a half-written temporary file (as a kill during writing leaves) is not a checkpoint
    Files.write(folder.resolve(".checkpoint-000000000008.sccp.123.tmp"), new byte[] {1, 2, 3});
    // a truncated final file (e.g. copied by hand) is skipped in favour of the previous one
    byte[] full = Files.readAllBytes(TrainingCheckpoint.list(folder).get(1));
    Files.write(folder.resolve(TrainingCheckpoint.fileName(10)), Arrays.copyOf(full, full.length - 9));
    assertThat(TrainingCheckpoint.loadNewest(folder)).get()
        .extracting(TrainingCheckpoint::globalStep).isEqualTo(6L);
  }

  @Test
  void theConfigReadBackEqualsTheWrittenOne() throws Exception {
    for (TrainingConfig config : List.of(TrainingConfig.paperDefaults(), TrainingConfig.smallGrayscale(),
        ConfigsWithEveryOption.withTorchScript())) {
      Path file = checkpoint(12, TrainingConfigJson.toJson(config)).writeAtomically(folder, 1);
      assertThat(TrainingCheckpoint.read(file).trainingConfig()).isEqualTo(config);
    }
  }

  @Test
  void checkpointsOfAnOlderFormatAreRejectedNotSkipped() throws Exception {
    Path file = checkpoint(4).writeAtomically(folder, 2);
    checkpoint(6).writeAtomically(folder, 2);
    Path newest = TrainingCheckpoint.list(folder).get(1);
    setFormatVersion(newest, TrainingCheckpoint.FORMAT_VERSION - 1);
    assertThatThrownBy(() -> TrainingCheckpoint.read(newest))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(newest.toString())
        .hasMessageContaining("format version " + (TrainingCheckpoint.FORMAT_VERSION - 1))
        .hasMessageContaining("written by an older version")
        .hasMessageContaining("retrain or re-export");
    // resuming must not fall back to an older file nor start over (which would then delete this one)
    assertThatThrownBy(() -> TrainingCheckpoint.loadNewest(folder))
        .isInstanceOf(IOException.class).hasMessageContaining("written by an older version");
    setFormatVersion(file, TrainingCheckpoint.FORMAT_VERSION + 1);
    assertThatThrownBy(() -> TrainingCheckpoint.read(file))
        .isInstanceOf(IOException.class).hasMessageContaining("written by a newer version");
  }

  /** Overwrites the format version, the int after the 6-byte magic. */
  static void setFormatVersion(Path file, int version) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer.wrap(bytes, 6, 4).putInt(version);
    Files.write(file, bytes);
  }

  @Test
  void emptyOrMissingFolderHasNoCheckpoint() throws Exception {
    assertThat(TrainingCheckpoint.loadNewest(folder)).isEmpty();
    assertThat(TrainingCheckpoint.loadNewest(folder.resolve("missing"))).isEmpty();
  }
}
