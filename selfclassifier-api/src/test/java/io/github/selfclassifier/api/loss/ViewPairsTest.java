package io.github.selfclassifier.api.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ViewPairsTest {

  @Test
  void everyViewPredictsEveryOtherViewExceptLocalFromLocal() {
    assertThat(ViewPairs.isLossPair(0, 1)).isTrue();
    assertThat(ViewPairs.isLossPair(1, 0)).isTrue();
    assertThat(ViewPairs.isLossPair(0, 5)).isTrue();
    assertThat(ViewPairs.isLossPair(5, 1)).isTrue();
    assertThat(ViewPairs.isLossPair(0, 0)).isFalse();
    assertThat(ViewPairs.isLossPair(3, 3)).isFalse();
    assertThat(ViewPairs.isLossPair(2, 3)).isFalse();
    assertThat(ViewPairs.isLossPair(4, 2)).isFalse();
  }

  @Test
  void pairsPerHeadCountsThePairsOfTheRule() {
    for (int views = 2; views <= 10; views++) {
      int counted = 0;
      for (int i = 0; i < views; i++) {
        for (int j = 0; j < views; j++) {
          counted += ViewPairs.isLossPair(i, j) ? 1 : 0;
        }
      }
      assertThat(ViewPairs.pairsPerHead(views)).as("views %d", views).isEqualTo(counted);
    }
    assertThat(ViewPairs.pairsPerHead(2)).isEqualTo(2);
    assertThat(ViewPairs.pairsPerHead(4)).isEqualTo(10);
  }

  @Test
  void fewerThanTwoViewsAreRejected() {
    assertThatThrownBy(() -> ViewPairs.pairsPerHead(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 1");
  }
}
