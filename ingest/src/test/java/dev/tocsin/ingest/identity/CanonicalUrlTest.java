package dev.tocsin.ingest.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalUrlTest {

  private static String canonical(String url) {
    return CanonicalUrl.of(url).orElseThrow();
  }

  @Test
  void shouldLowerCaseSchemeAndHostWhenTheyAreMixedCase() {
    assertThat(canonical("HTTPS://News.Example.COM/World/Story"))
        .isEqualTo("https://news.example.com/World/Story");
  }

  @Test
  void shouldStripWwwWhenHostStartsWithIt() {
    assertThat(canonical("https://www.news.example/a")).isEqualTo("https://news.example/a");
    assertThat(canonical("https://www.example")).isEqualTo("https://www.example/");
  }

  @Test
  void shouldKeepTheSchemeWhenItIsHttp() {
    assertThat(canonical("http://news.example/a")).isEqualTo("http://news.example/a");
  }

  @Test
  void shouldDropDefaultPortsAndKeepOthers() {
    assertThat(canonical("http://news.example:80/a")).isEqualTo("http://news.example/a");
    assertThat(canonical("https://news.example:443/a")).isEqualTo("https://news.example/a");
    assertThat(canonical("https://news.example:8443/a")).isEqualTo("https://news.example:8443/a");
    assertThat(canonical("http://news.example:443/a")).isEqualTo("http://news.example:443/a");
  }

  @Test
  void shouldDropFragmentWhenPresent() {
    assertThat(canonical("https://news.example/a#comments")).isEqualTo("https://news.example/a");
  }

  @Test
  void shouldRemoveTrackingParametersWhenMixedWithRealOnes() {
    assertThat(
            canonical(
                "https://news.example/a?utm_source=rss&UTM_Medium=feed&id=42&fbclid=abc"
                    + "&gclid=1&mc_cid=2&mc_eid=3&ref=home&ref_src=twsrc&cmpid=x&ocid=y&_ga=z"
                    + "&igshid=q&yclid=r&spm=s&pk_campaign=t&xtor=RSS-1&smid=nytcore"))
        .isEqualTo("https://news.example/a?id=42");
  }

  @Test
  void shouldSortRemainingParametersWhenOrderDiffers() {
    assertThat(canonical("https://news.example/a?z=1&b=2&a=3&b=1"))
        .isEqualTo("https://news.example/a?a=3&b=1&b=2&z=1");
  }

  @Test
  void shouldRemoveTrailingQuestionMarkWhenQueryBecomesEmpty() {
    assertThat(canonical("https://news.example/a?")).isEqualTo("https://news.example/a");
    assertThat(canonical("https://news.example/a?utm_source=x&&"))
        .isEqualTo("https://news.example/a");
  }

  @Test
  void shouldCollapseDuplicateSlashesAndStripTrailingSlash() {
    assertThat(canonical("https://news.example//world///story/"))
        .isEqualTo("https://news.example/world/story");
  }

  @Test
  void shouldKeepTheRootSlashWhenPathIsEmptyOrRoot() {
    assertThat(canonical("https://news.example")).isEqualTo("https://news.example/");
    assertThat(canonical("https://news.example/")).isEqualTo("https://news.example/");
    assertThat(canonical("https://news.example/?utm_source=x")).isEqualTo("https://news.example/");
  }

  @Test
  void shouldResolveDotSegmentsAndNormalizeEscapesWhenPresent() {
    assertThat(canonical("https://news.example/a/./b/../c%2fd%7e%41"))
        .isEqualTo("https://news.example/a/c%2Fd~A");
  }

  @Test
  void shouldEncodeUnicodePathsAndHostsTheSameWayAsTheirEscapedForms() {
    assertThat(canonical("https://пример.рф/новости/1"))
        .isEqualTo(
            canonical("https://xn--e1afmkfd.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/1"))
        .isEqualTo("https://xn--e1afmkfd.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/1");
  }

  @Test
  void shouldDropSessionIdsAndDoubleEscapedAmpersandsWhenPresent() {
    assertThat(canonical("https://news.example/a;JSESSIONID=F00?b=1&amp;c=2"))
        .isEqualTo("https://news.example/a?b=1&c=2");
  }

  @Test
  void shouldDropUserInfoWhenPresent() {
    assertThat(canonical("https://user:pw@news.example/a")).isEqualTo("https://news.example/a");
  }

  @Test
  void shouldAcceptSpacesWhenLinksAreSloppy() {
    assertThat(canonical(" https://news.example/a b ")).isEqualTo("https://news.example/a%20b");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://news.example/a",
        "mailto:desk@news.example",
        "javascript:alert(1)",
        "/relative/path",
        "news.example/a",
        "https://",
        "http://exa mple.com:port/",
        "https://news.example/a#b#c",
        "   "
      })
  void shouldReturnEmptyWhenNotAnAbsoluteHttpUrl(String url) {
    assertThat(CanonicalUrl.of(url)).isEmpty();
  }

  @Test
  void shouldReturnEmptyWhenNull() {
    assertThat(CanonicalUrl.of(null)).isEmpty();
  }

  @Test
  void shouldGiveOneFormWhenVariantsDifferOnlyByNoise() {
    List<String> variants =
        List.of(
            "https://www.News.Example/world/envoys-meet?id=7&utm_source=rss&utm_medium=feed",
            "HTTPS://news.example:443/world//envoys-meet/?utm_campaign=x&id=7#top",
            "https://NEWS.EXAMPLE/world/envoys-meet?fbclid=IwAR0&id=7&",
            "https://news.example/world/./envoys-meet?gclid=abc&id=7");

    assertThat(variants)
        .extracting(CanonicalUrlTest::canonical)
        .containsOnly("https://news.example/world/envoys-meet?id=7");
  }

  @Test
  void shouldNotDependOnTheDefaultLocaleWhenItIsTurkish() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(new Locale("tr"));
      Optional<String> url =
          CanonicalUrl.of("HTTP://WWW.ICE-NEWS.EXAMPLE/Index?GCLID=1&FBCLID=2&UTM_SOURCE=3&ID=9");

      assertThat(url).contains("http://ice-news.example/Index?ID=9");
    } finally {
      Locale.setDefault(saved);
    }
  }
}
