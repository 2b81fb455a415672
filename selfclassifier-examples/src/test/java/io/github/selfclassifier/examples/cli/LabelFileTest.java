package io.github.selfclassifier.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelFileTest {

  private static LabelFile parse(String text) throws IOException {
    return LabelFile.parse(new BufferedReader(new StringReader(text)), "test input");
  }

  @Test
  void integerTokensAreUsedAsTheLabels() throws IOException {
    LabelFile f = parse("3\n-1\n3\n2147483647\n-2147483648\n");
    assertThat(f.numeric()).isTrue();
    assertThat(f.labels()).containsExactly(3, -1, 3, Integer.MAX_VALUE, Integer.MIN_VALUE);
    assertThat(f.distinct()).isEqualTo(4);
    assertThat(f.distinctLabels()).containsExactly(3, -1, Integer.MAX_VALUE, Integer.MIN_VALUE);
    assertThat(f.tokenOf(-1)).isEqualTo("-1");
    assertThat(f.tokenOf(42)).isNull();
  }

  @Test
  void namesGetIdsInOrderOfFirstAppearance() throws IOException {
    LabelFile f = parse("dog\ncat\ndog\nbird\n");
    assertThat(f.numeric()).isFalse();
    assertThat(f.labels()).containsExactly(0, 1, 0, 2);
    assertThat(f.tokenOf(1)).isEqualTo("cat");
    assertThat(f.labelOf("bird")).hasValue(2);
    assertThat(f.labelOf("fish")).isEmpty();
  }

  @Test
  void oneNameMakesTheWholeFileNames() throws IOException {
    // As names, 7 and 007 differ; as integers they would be one label.
    LabelFile f = parse("7\n007\ncat\n7\n");
    assertThat(f.numeric()).isFalse();
    assertThat(f.labels()).containsExactly(0, 1, 2, 0);
  }

  @Test
  void integerSpellingsOfOneValueAreOneLabel() throws IOException {
    LabelFile f = parse("7\n007\n+7\n8\n");
    assertThat(f.numeric()).isTrue();
    assertThat(f.labels()).containsExactly(7, 7, 7, 8);
    assertThat(f.tokenOf(7)).isEqualTo("7");
    assertThat(f.labelOf("0007")).hasValue(7);
  }

  @Test
  void outOfRangeIntegersAreNames() throws IOException {
    assertThat(parse("2147483648\n1\n").numeric()).isFalse();
    assertThat(parse("-2147483649\n1\n").numeric()).isFalse();
    assertThat(parse("99999999999999999999999\n").numeric()).isFalse();
    assertThat(parse("-\n").numeric()).isFalse();
    assertThat(parse("1.0\n").numeric()).isFalse();
  }

  @Test
  void parseIntAcceptsOnlyAsciiDecimalIntegers() {
    assertThat(LabelFile.parseInt("0")).isZero();
    assertThat(LabelFile.parseInt("-0")).isZero();
    assertThat(LabelFile.parseInt("-2147483648")).isEqualTo(Integer.MIN_VALUE);
    assertThat(LabelFile.parseInt("2147483647")).isEqualTo(Integer.MAX_VALUE);
    assertThat(LabelFile.parseInt("2147483648")).isEqualTo(LabelFile.NOT_AN_INT);
    assertThat(LabelFile.parseInt("")).isEqualTo(LabelFile.NOT_AN_INT);
    assertThat(LabelFile.parseInt("+")).isEqualTo(LabelFile.NOT_AN_INT);
    assertThat(LabelFile.parseInt("1e3")).isEqualTo(LabelFile.NOT_AN_INT);
    assertThat(LabelFile.parseInt("\u0663")).isEqualTo(LabelFile.NOT_AN_INT); // Arabic-Indic digit three
  }

  @Test
  void blankLinesCommentsAndSurroundingWhitespaceAreIgnored() throws IOException {
    LabelFile f = parse("\uFEFF# header\n\n  cat \t\n\t# indented comment\r\ndog\r\n   \n");
    assertThat(f.labels()).containsExactly(0, 1);
    assertThat(f.tokenOf(0)).isEqualTo("cat");
  }

  @Test
  void aLineWithTwoTokensIsAnErrorNamingTheLine() {
    assertThatThrownBy(() -> parse("cat\n# c\nbig cat\n"))
        .isInstanceOf(CliException.class)
        .hasMessage("test input line 3: expected one label, found 'big cat'");
  }

  @Test
  void noLabelsIsAnError() {
    assertThatThrownBy(() -> parse("# only a comment\n\n"))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("test input contains no labels");
  }

  @Test
  void readsFilesAndNamesThemInErrors(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("labels.txt");
    Files.writeString(file, "1\n2\n", StandardCharsets.UTF_8);
    assertThat(LabelFile.read(file, "--truth file").labels()).containsExactly(1, 2);
    assertThatThrownBy(() -> LabelFile.read(dir.resolve("missing.txt"), "--truth file"))
        .isInstanceOf(CliException.class)
        .hasMessage("cannot read --truth file " + dir.resolve("missing.txt") + ": no such file");
    Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
    assertThatThrownBy(() -> LabelFile.read(dir.resolve("latin1.txt"), "--pred file"))
        .isInstanceOf(CliException.class)
        .hasMessageEndingWith("latin1.txt: not UTF-8 text");
  }

  @Test
  void readsAMillionLinesQuickly(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("big.txt");
    StringBuilder b = new StringBuilder(7_000_000);
    for (int i = 0; i < 1_000_000; i++) {
      b.append(i % 1000).append('\n');
    }
    Files.writeString(file, b);
    long start = System.nanoTime();
    LabelFile f = LabelFile.read(file, "--truth file");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(f.size()).isEqualTo(1_000_000);
    assertThat(f.distinct()).isEqualTo(1000);
    // Generous bound for a shared CI machine; typically well under a second.
    assertThat(millis).isLessThan(10_000);
  }
}
