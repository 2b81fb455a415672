package io.github.selfclassifier.examples.tutorial;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.selfclassifier.djl.inference.SelfClassifierModel;
import io.github.selfclassifier.djl.inference.SelfClassifierModelFile;
import io.github.selfclassifier.examples.cli.TestImageFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tutorials 2 and 6 run as the README runs them, as programs: {@code TrainOnImageFolder} on a labelled folder
 * of generated shapes (with one corrupt file) for one epoch, then {@code ClusterImagesInYourApp} on the model
 * it saved, on the other engine. Tutorials 3 to 5 run in {@link ClusterFashionMnistSmokeTest}.
 */
class TutorialProgramsTest {
  private static final Pattern PREDICTION =
      Pattern.compile("(.+) -> cluster (\\d+) \\(p ([0-9.]+)\\), embedding\\[0\\.\\.2\\] \\S+ \\S+ \\S+");

  @Test
  void trainOnImageFolderSavesAModelThatClusterImagesInYourAppLoadsOnMxnet(@TempDir Path dir) throws Exception {
    Path images = dir.resolve("images");
    List<Path> files = TestImageFolders.writeShapes(images);
    Path out = dir.resolve("run");

    String training = StandardOutput.of(TrainOnImageFolder::main, images.toString(), out.toString(), "3", "1");

    assertThat(training).as("the load report names the corrupt file")
        .contains(files.size() + 1 + " image files, " + files.size() + " loaded, 1 skipped")
        .contains("skipped " + images.resolve(TestImageFolders.CORRUPT));
    Path model = out.resolve("model.scmodel");
    assertThat(training).contains("model: " + model);
    assertThat(Files.readAllLines(out.resolve("metrics.jsonl"))).as("one JSON line per epoch").hasSize(1);
    assertThat(out.resolve("checkpoints")).isDirectoryContaining(p -> p.toString().endsWith(".sccp"));

    List<Path> some = files.subList(0, 3);
    String app = StandardOutput.of(ClusterImagesInYourApp::main, model.toString(), some.get(0).toString(),
        some.get(1).toString(), some.get(2).toString(), "--engine", "MXNet");

    List<String> lines = app.lines().toList();
    assertThat(lines).as("one line per image").hasSize(some.size());
    try (SelfClassifierModel onPyTorch = SelfClassifierModelFile.load(model, "PyTorch")) {
      assertThat(onPyTorch.modelConfig().classesPerHead()).containsExactly(3, 6, 12);
      for (int i = 0; i < some.size(); i++) {
        Matcher m = PREDICTION.matcher(lines.get(i));
        assertThat(m.matches()).as(lines.get(i)).isTrue();
        assertThat(m.group(1)).isEqualTo(some.get(i).toString());
        assertThat(Integer.parseInt(m.group(2)))
            .as("MXNet's cluster of %s is PyTorch's", some.get(i))
            .isEqualTo(onPyTorch.predict(some.get(i)).cluster());
        assertThat(Double.parseDouble(m.group(3))).isBetween(1.0 / 3 - 1e-3, 1.0);
      }
    }
  }
}
