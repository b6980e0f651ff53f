package dev.tocsin.alerting.surge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SurgeSettingsTest {

  private static InputStream yaml(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldKeepTheDefaultsWhenTheProfileHasNoSurgeSection() {
    assertThat(SurgeSettings.fromProfile(yaml("id: x\nrelevanceThreshold: 0.6\n")))
        .isEqualTo(SurgeSettings.defaults());
  }

  @Test
  void shouldReadTheKeysItFindsAndDefaultTheRest() {
    SurgeSettings s =
        SurgeSettings.fromProfile(
            yaml(
                """
                id: x
                surge:
                  bucket: 30m
                  current: 2h
                  window: 3d
                  method: ewma
                  alpha: 0.2
                  k: 2.5
                  minEvents: 4
                  minSpacing: PT36H
                """));

    assertThat(s.bucket()).isEqualTo(Duration.ofMinutes(30));
    assertThat(s.current()).isEqualTo(Duration.ofHours(2));
    assertThat(s.window()).isEqualTo(Duration.ofDays(3));
    assertThat(s.method()).isEqualTo(SurgeMethod.EWMA);
    assertThat(s.alpha()).isEqualTo(0.2);
    assertThat(s.k()).isEqualTo(2.5);
    assertThat(s.minEvents()).isEqualTo(4);
    assertThat(s.minSpacing()).isEqualTo(Duration.ofHours(36));
    assertThat(s.quietPeriod()).isEqualTo(SurgeSettings.defaults().quietPeriod());
    assertThat(s.baselineWindows()).isEqualTo(36);
  }

  @Test
  void shouldNameAnUnknownKey() {
    assertThatThrownBy(() -> SurgeSettings.fromProfile(yaml("surge:\n  windw: 7d\n")))
        .hasMessageContaining("'surge.windw'")
        .hasMessageContaining("window");
  }

  @Test
  void shouldNameTheKeyAndValueOfABadSetting() {
    assertThatThrownBy(() -> SurgeSettings.fromProfile(yaml("surge:\n  window: a week\n")))
        .hasMessageContaining("'surge.window'")
        .hasMessageContaining("'a week'");
    assertThatThrownBy(() -> SurgeSettings.fromProfile(yaml("surge:\n  method: median\n")))
        .hasMessageContaining("'surge.method'")
        .hasMessageContaining("'median'");
    assertThatThrownBy(() -> SurgeSettings.fromProfile(yaml("surge:\n  minEvents: 2.5\n")))
        .hasMessageContaining("'surge.minEvents'");
    assertThatThrownBy(() -> SurgeSettings.fromProfile(yaml("surge:\n  alpha: 0\n")))
        .hasMessageContaining("'surge.alpha'");
    assertThatThrownBy(() -> SurgeSettings.fromProfile(yaml("surge:\n  k: '3'\n")))
        .hasMessageContaining("'surge.k' must be a number");
    assertThatThrownBy(() -> SurgeSettings.fromProfile(yaml("surge:\n  criticalAt: 1.5\n")))
        .hasMessageContaining("'surge.criticalAt'");
  }

  @Test
  void shouldRequireTheWindowsToLineUp() {
    assertThatThrownBy(() -> SurgeSettings.fromProfile(yaml("surge:\n  current: 90m\n")))
        .hasMessageContaining("'surge.current' must be a positive multiple of surge.bucket (1h)");
    assertThatThrownBy(() -> SurgeSettings.fromProfile(yaml("surge:\n  window: 25h\n")))
        .hasMessageContaining("'surge.window' must be a positive multiple of surge.current (6h)");
    assertThatThrownBy(() -> SurgeSettings.fromProfile(yaml("surge:\n  window: 6h\n")))
        .hasMessageContaining("at least two");
    assertThatThrownBy(() -> SurgeSettings.fromProfile(yaml("surge:\n  bucket: 1s\n")))
        .hasMessageContaining("'surge.bucket' is too small");
  }
}
