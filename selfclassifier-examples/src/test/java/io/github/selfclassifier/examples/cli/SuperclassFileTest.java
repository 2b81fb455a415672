package io.github.selfclassifier.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.selfclassifier.api.metrics.SuperclassMapping;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class SuperclassFileTest {

  private static LabelFile labels(String text) throws IOException {
    return LabelFile.parse(new BufferedReader(new StringReader(text)), "truth");
  }

  private static SuperclassMapping parse(String text, LabelFile truth) throws IOException {
    return SuperclassFile.parse(new BufferedReader(new StringReader(text)), "supers", truth);
  }

  @Test
  void mapsTruthTokensToSuperclassIds() throws IOException {
    LabelFile truth = labels("cat\ndog\ntrout\ncat\n");
    SuperclassMapping m =
        parse("# fine super\ncat  mammal\n\ndog\tmammal\n  trout fish  \nshark fish\n", truth);
    int cat = truth.labelOf("cat").getAsInt();
    int dog = truth.labelOf("dog").getAsInt();
    int trout = truth.labelOf("trout").getAsInt();
    assertThat(m.asMap()).containsOnlyKeys(cat, dog, trout); // shark: not in the truth file, ignored
    assertThat(m.superclassOf(cat)).isEqualTo(m.superclassOf(dog)).isNotEqualTo(m.superclassOf(trout));
  }

  @Test
  void integerTruthLabelsAreMatchedByValue() throws IOException {
    LabelFile truth = labels("10\n11\n12\n");
    SuperclassMapping m = parse("10 0\n011 0\n12 1\n", truth);
    assertThat(m.asMap()).containsOnlyKeys(10, 11, 12);
    assertThat(m.superclassOf(10)).isEqualTo(m.superclassOf(11)).isNotEqualTo(m.superclassOf(12));
  }

  @Test
  void aTruthLabelWithoutSuperclassIsAnErrorNamingIt() throws IOException {
    LabelFile truth = labels("cat\ndog\nbird\nfish\n");
    assertThatThrownBy(() -> parse("cat a\nfish b\n", truth))
        .isInstanceOf(CliException.class)
        .hasMessage("supers has no superclass for truth label 'dog' (and 1 more truth labels)");
  }

  @Test
  void malformedLinesAreErrorsNamingTheLine() throws IOException {
    LabelFile truth = labels("cat\n");
    assertThatThrownBy(() -> parse("cat\n", truth))
        .isInstanceOf(CliException.class)
        .hasMessage("supers line 1: expected 'fine_label super_label', found 'cat'");
    assertThatThrownBy(() -> parse("# x\ncat a b\n", truth))
        .isInstanceOf(CliException.class)
        .hasMessage("supers line 2: expected 'fine_label super_label', found 'cat a b'");
  }

  @Test
  void conflictingSuperclassesAreAnError() throws IOException {
    LabelFile truth = labels("cat\n");
    assertThat(parse("cat a\ncat a\n", truth).asMap()).hasSize(1);
    assertThatThrownBy(() -> parse("cat a\n\ncat b\n", truth))
        .isInstanceOf(CliException.class)
        .hasMessage("supers line 3: fine label 'cat' has superclass 'b' but line 1 gave it 'a'");
  }
}
