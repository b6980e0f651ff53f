package dev.tocsin.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

  @Test
  void shouldStripTagsAndDecodeEntitiesWhenCleaningInlineText() {
    assertThat(HtmlText.clean("<b>Troops</b> &amp; <a href=\"x\">arms</a>&nbsp;&#8212; ok"))
        .isEqualTo("Troops & arms \u2014 ok");
  }

  @Test
  void shouldCollapseAllWhitespaceWhenCleaning() {
    assertThat(HtmlText.clean("  one\n\n two\t\u00A0three\u3000four \u200B"))
        .isEqualTo("one two three four");
  }

  @Test
  void shouldSeparateBlocksBySpaceWhenCleaningInlineText() {
    assertThat(HtmlText.clean("<p>First.</p><p>Second.</p>")).isEqualTo("First. Second.");
  }

  @Test
  void shouldDropScriptsAndStylesWhenCleaning() {
    assertThat(HtmlText.clean("<style>p{}</style>Text<script>alert(1)</script>")).isEqualTo("Text");
  }

  @Test
  void shouldReturnNullWhenInputIsNull() {
    assertThat(HtmlText.clean(null)).isNull();
    assertThat(HtmlText.cleanBlocks(null)).isNull();
  }

  @Test
  void shouldKeepLiteralAngleBracketsWhenTextHasNoTags() {
    assertThat(HtmlText.clean("5 < 6 and 7 > 3")).isEqualTo("5 < 6 and 7 > 3");
  }

  @Test
  void shouldSeparateParagraphsByBlankLineWhenCleaningBlocks() {
    String html =
        "<div><h2>Title</h2><p>First   paragraph\n continues.</p>"
            + "<p>Second<br>line two<br/><br/>after a double break</p>"
            + "<ul><li>one</li><li>two</li></ul><table><tr><td>a</td><td>b</td></tr></table></div>";

    assertThat(HtmlText.cleanBlocks(html))
        .isEqualTo(
            "Title\n\nFirst paragraph continues.\n\nSecond\nline two\n\nafter a double break"
                + "\n\none\n\ntwo\n\na b");
  }

  @Test
  void shouldTreatBlankLinesAsParagraphsWhenBlocksArePlainText() {
    assertThat(HtmlText.cleanBlocks("First line\nwraps here.\n \n\nSecond  paragraph.\r\n"))
        .isEqualTo("First line wraps here.\n\nSecond paragraph.");
  }

  @Test
  void shouldReturnEmptyWhenMarkupHasNoText() {
    assertThat(HtmlText.clean("<p> </p><br>")).isEmpty();
    assertThat(HtmlText.cleanBlocks("<p> </p><br>")).isEmpty();
  }
}
