package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tocsin.alerting.mute.SilenceStore;
import dev.tocsin.alerting.topology.AlertSettings;
import dev.tocsin.app.console.ConsoleSettings;
import dev.tocsin.enrich.topology.EnrichSettings;
import dev.tocsin.platform.health.ManagementServer;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.schemas.Silence;
import dev.tocsin.schemas.Topics;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

/**
 * Drives the operator console in headless Chromium over the demo pipeline on the embedded broker:
 * live alerts, an alert's reasons and copies, a silence made and expired on the page and seen by
 * the CLI, a feed added on the page, and a hostile headline shown as text. Saves a screenshot of
 * each page into docs/images/.
 */
class ConsoleBrowserIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration PIPELINE = Duration.ofSeconds(120);
  private static final String HOSTILE =
      "<script>window.pwned=1</script> Hostile wire <img src=x onerror=window.pwned=2>";

  @Test
  void shouldShowTheDemoLiveAndWriteWhereTheCliReads() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM);
    assumeTrue(
        Files.isExecutable(CHROMEDRIVER), "chromedriver is not installed at " + CHROMEDRIVER);
    Path target = Path.of("target").toAbsolutePath();
    Path dataDir = Files.createTempDirectory(target, "console-it");
    Path images = repositoryRoot().resolve("docs/images");
    Files.createDirectories(images);
    try (Pipeline pipeline = new Pipeline();
        DemoFeedServer feeds = DemoFeedServer.start();
        LoopbackServer hostile = hostileFeed()) {
      KafkaSettings kafka = pipeline.kafka(null, dataDir, 0);
      ManagementServer management = pipeline.management(new InetSocketAddress("127.0.0.1", 0));
      pipeline.console(
          new ConsoleSettings(null, Duration.ofDays(7), 2000), DemoFeeds.ingestSettings(2).guard());
      String base = "http://127.0.0.1:" + management.address().getPort();
      WebDriver browser = browser(Files.createTempDirectory(target, "chromium-profile"));
      try {
        browser.get(base + "/");
        assertThat(browser.getTitle()).startsWith("Alerts");
        ((ChromeDriver) browser).executeScript("window.consoleMarker = 'not reloaded';");

        pipeline.enrich(EnrichSettings.defaults(), dataDir);
        pipeline.alerting(AlertSettings.defaults(), dataDir);
        pipeline.ingest(DemoFeeds.ingestSettings(2), DemoFeeds.firstWave(feeds, 2), "it");

        // 1. The seed story's alert appears without a reload.
        // The rows are swapped whenever an alert changes: elements are read before they go stale.
        String alertKey =
            wait(browser)
                .until(
                    d ->
                        d.findElements(By.cssSelector("#alert-rows tr[data-alert]")).stream()
                            .filter(r -> r.getText().contains(DemoPipelineIT.SEED_TITLE))
                            .map(r -> r.getAttribute("data-alert"))
                            .findFirst()
                            .orElse(null));
        assertThat(((ChromeDriver) browser).executeScript("return window.consoleMarker;"))
            .isEqualTo("not reloaded");
        screenshot(browser, images.resolve("console-alerts.png"));
        pipeline.feedRegistry().put(DemoFeeds.secondWave(feeds, 2));

        // 2. The detail: reasons, and the syndicated copy under the original report.
        wait(browser)
            .until(
                d -> {
                  d.findElement(By.cssSelector("tr[data-alert='" + alertKey + "'] a")).click();
                  return true;
                });
        wait(browser).until(d -> d.getTitle().startsWith(DemoPipelineIT.SEED_TITLE));
        assertThat(browser.findElements(By.cssSelector("#reasons tbody tr"))).isNotEmpty();
        By copyUnderOriginal =
            By.xpath(
                "//li[contains(@class,'report')][contains(.,'Atlantic Monitor')]"
                    + "//li[contains(@class,'copy')][contains(.,'Global Wire Daily')]");
        WebElement copy = reloadUntil(browser, copyUnderOriginal);
        assertThat(copy.getText()).containsPattern("[a-z_]+ [01]\\.[0-9]{2}");
        screenshot(browser, images.resolve("console-alert-detail.png"), 1700);

        // 3. A silence from the alert lands on the topic, and the CLI lists it.
        browser.findElement(By.linkText("Silence this alert")).click();
        WebElement matchers = browser.findElement(By.name("matchers"));
        assertThat(matchers.getAttribute("value")).isEqualTo("alertKey=" + alertKey);
        browser.findElement(By.name("duration")).clear();
        browser.findElement(By.name("duration")).sendKeys("8h");
        browser.findElement(By.name("author")).sendKeys("night-shift");
        browser.findElement(By.name("comment")).sendKeys("known story, seen");
        browser.findElement(By.cssSelector("form[action='/silences'] button")).click();
        assertThat(notice(browser, "silence-created")).contains("Silence created");
        Topics topics = Topics.withPrefix(kafka.topicPrefix());
        SilenceStore store = new SilenceStore(kafka.clientConfig(), topics, Clock.systemUTC());
        Silence silence =
            new FluentWait<>(store)
                .withTimeout(Duration.ofSeconds(30))
                .pollingEvery(Duration.ofMillis(500))
                .until(s -> silenceFor(s, alertKey).orElse(null));
        assertThat(cli("silence", "list", "--bootstrap-servers", kafka.bootstrapServers()))
            .contains(silence.getId(), alertKey, "night-shift", "active");

        // 4. Expiring it on the page ends it.
        By expire = By.cssSelector("tr[data-silence='" + silence.getId() + "'] form button");
        reloadUntil(browser, expire);
        screenshot(browser, images.resolve("console-silences.png"), 1300);
        browser.findElement(expire).click();
        assertThat(notice(browser, "silence-expired")).contains("Silence expired");
        Instant expiredBy = Instant.now();
        assertThat(store.all().get(silence.getId()).getEndsAt()).isBeforeOrEqualTo(expiredBy);
        assertThat(cli("silence", "list", "--bootstrap-servers", kafka.bootstrapServers()))
            .doesNotContain(silence.getId());

        // 5. A feed added on the page is in the CLI's registry and gets a status.
        String hostileUrl = hostile.uri("/hostile.rss").toString();
        browser.get(base + "/feeds");
        WebElement add = browser.findElement(By.cssSelector("form[action='/feeds']"));
        add.findElement(By.name("url")).sendKeys(hostileUrl);
        add.findElement(By.name("name")).sendKeys("Hostile Wire");
        add.findElement(By.name("language")).sendKeys("en");
        add.findElement(By.name("interval")).clear();
        add.findElement(By.name("interval")).sendKeys("2s");
        add.findElement(By.tagName("button")).click();
        assertThat(notice(browser, "feed-added")).contains("Feed added");
        assertThat(cli("feeds", "list", "--bootstrap-servers", kafka.bootstrapServers()))
            .contains(hostileUrl, "Hostile Wire");
        reloadUntil(
            browser,
            By.xpath("//tr[@data-feed='" + hostileUrl + "']/td[@class='feed-state'][.='ok']"));
        screenshot(browser, images.resolve("console-feeds.png"));

        // 6. Its script-laden headline renders as text and runs nothing.
        browser.get(base + "/stories?q=hostile+wire");
        WebElement headline = reloadUntil(browser, By.cssSelector("#stories td.headline"));
        assertThat(headline.getText()).isEqualTo(HOSTILE);
        assertThat(browser.findElements(By.cssSelector("#stories td.headline script"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#stories td.headline img"))).isEmpty();
        assertThat(((ChromeDriver) browser).executeScript("return window.pwned === undefined;"))
            .isEqualTo(true);
        assertThat(noDialog(browser)).isTrue();
        browser.get(base + "/stories");
        screenshot(browser, images.resolve("console-stories.png"));

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(base + "/");
        screenshot(browser, images.resolve("console-alerts-phone.png"));
      } finally {
        browser.quit();
      }
    } finally {
      DemoCommand.deleteRecursively(dataDir);
    }
  }

  private static Optional<Silence> silenceFor(SilenceStore store, String alertKey) {
    return store.all().values().stream()
        .filter(
            s ->
                s.getMatchers().size() == 1
                    && s.getMatchers().get(0).getName().equals("alertKey")
                    && s.getMatchers().get(0).getValue().equals(alertKey))
        .findFirst();
  }

  private static WebDriver browser(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile,
        "--window-size=1280,900");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  private static WebDriverWait wait(WebDriver browser) {
    WebDriverWait wait = new WebDriverWait(browser, PIPELINE);
    wait.pollingEvery(Duration.ofMillis(250)).ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** Reloads the page until {@code what} is on it (what the view shows follows the topics). */
  private static WebElement reloadUntil(WebDriver browser, By what) {
    return wait(browser)
        .until(
            d -> {
              var found = d.findElements(what);
              if (found.isEmpty()) {
                d.navigate().refresh();
                return null;
              }
              return found.get(0);
            });
  }

  /** Returns the page's confirmation, failing with the page's text when it shows none. */
  private static String notice(WebDriver browser, String done) {
    wait(browser)
        .until(
            d ->
                d.getCurrentUrl().contains("done=" + done)
                    || !d.findElements(By.cssSelector("p[role=alert]")).isEmpty());
    var shown = browser.findElements(By.cssSelector("p[role=status]"));
    assertThat(shown)
        .as(browser.getCurrentUrl() + ": " + browser.findElement(By.tagName("main")).getText())
        .isNotEmpty();
    return shown.get(0).getText();
  }

  private static boolean noDialog(WebDriver browser) {
    try {
      browser.switchTo().alert();
      return false;
    } catch (NoAlertPresentException e) {
      return true;
    }
  }

  private static void screenshot(WebDriver browser, Path file) throws Exception {
    Files.write(file, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
  }

  /** Saves a screenshot of a window {@code height} pixels tall, then restores the window. */
  private static void screenshot(WebDriver browser, Path file, int height) throws Exception {
    Dimension size = browser.manage().window().getSize();
    browser.manage().window().setSize(new Dimension(size.getWidth(), height));
    screenshot(browser, file);
    browser.manage().window().setSize(size);
  }

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = TocsinCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute(args)).as(String.join(" ", args) + ": " + err).isZero();
    return out.toString();
  }

  private static LoopbackServer hostileFeed() throws Exception {
    // Double-escaped, as a feed that means its markup as text writes it: the title is literal.
    String title =
        HOSTILE.replace("&", "&amp;amp;").replace("<", "&amp;lt;").replace(">", "&amp;gt;");
    String rss =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
            + "<title>Hostile Wire</title><link>https://hostile.example/</link>"
            + "<description>test</description><item><title>"
            + title
            + "</title><link>https://hostile.example/story-1</link>"
            + "<description>A story whose headline carries markup.</description>"
            + "<pubDate>Mon, 30 Nov 2026 08:00:00 GMT</pubDate></item></channel></rss>";
    return new LoopbackServer(
        Map.of(
            "/hostile.rss",
            new LoopbackServer.Document(
                "application/rss+xml", rss.getBytes(StandardCharsets.UTF_8))));
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("the repository root, holding mvnw").isNotNull();
    return dir;
  }
}
