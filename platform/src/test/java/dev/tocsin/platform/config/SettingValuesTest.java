package dev.tocsin.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingValuesTest {

  private static final List<Setting> DEFINED =
      List.of(
          Setting.of("TOCSIN_TEST_SPAN", "5m", null, "a span", Setting.Type.DURATION),
          Setting.of("TOCSIN_TEST_COUNT", "2", null, "a count", Setting.Type.POSITIVE_NUMBER),
          Setting.of("TOCSIN_TEST_ITEMS", null, "empty", "some items", Setting.Type.LIST));

  @Test
  void shouldReadTypedValuesOrTheFallbackWhenUnsetOrBlank() {
    SettingValues values =
        new SettingValues(
            DEFINED,
            Map.of(
                "TOCSIN_TEST_SPAN",
                " 90s ",
                "TOCSIN_TEST_ITEMS",
                "a, ,b",
                "TOCSIN_TEST_COUNT",
                " "));

    assertThat(values.duration("TOCSIN_TEST_SPAN", Duration.ZERO))
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(values.integer("TOCSIN_TEST_COUNT", 2)).isEqualTo(2);
    assertThat(values.list("TOCSIN_TEST_ITEMS")).containsExactly("a", "b");
    assertThat(values.text("TOCSIN_TEST_COUNT")).isNull();
  }

  @Test
  void shouldNameTheVariableAndTheValueWhenAValueIsBad() {
    SettingValues values = new SettingValues(DEFINED, Map.of("TOCSIN_TEST_COUNT", "two"));

    assertThatThrownBy(() -> values.integer("TOCSIN_TEST_COUNT", 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TOCSIN_TEST_COUNT must be a whole number: 'two'");
  }

  @Test
  void shouldRefuseToReadASettingTheModuleDoesNotDefine() {
    assertThatThrownBy(
            () -> new SettingValues(DEFINED, Map.of()).duration("TOCSIN_UNDEFINED", Duration.ZERO))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("TOCSIN_UNDEFINED");
  }

  @Test
  void shouldCheckAValueAgainstItsTypeNamingTheSetting() {
    Setting port = Setting.of("TOCSIN_TEST_PORT", "25", null, "a port", Setting.Type.PORT);

    assertThatThrownBy(() -> port.check("TOCSIN_TEST_PORT", "smtp"))
        .hasMessage("TOCSIN_TEST_PORT must be a port number (1-65535): 'smtp'");
    assertThat(Setting.Type.hostPort("127.0.0.1:8080").getPort()).isEqualTo(8080);
    assertThatThrownBy(() -> Setting.Type.hostPort("8080"))
        .isInstanceOf(NumberFormatException.class);
  }
}
