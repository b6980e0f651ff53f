package dev.tocsin.app;

import dev.tocsin.ingest.extract.ArticleExtractor;
import dev.tocsin.ingest.extract.ArticleFetcher;
import dev.tocsin.ingest.extract.ExtractedArticle;
import dev.tocsin.ingest.feed.FetchException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints the headline and main text of an article page, as full-text feeds get it. */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description = {
      "Print an article page's title and extracted main text (no Kafka needed).",
      "The title is the first line, then a blank line, then the text's paragraphs.",
      "Exits with 1 when the input cannot be read, 2 when the page has no article text."
    })
final class ExtractCommand implements Callable<Integer> {

  @Parameters(arity = "1", paramLabel = "FILE|URL", description = "An HTML file or http(s) URL.")
  String source;

  @Spec CommandSpec spec;

  private final SourceReader reader;

  ExtractCommand() {
    this(SourceReader.defaults());
  }

  ExtractCommand(SourceReader reader) {
    this.reader = reader;
  }

  @Override
  public Integer call() {
    SourceReader.Source input;
    try {
      input = reader.read(source);
    } catch (IOException e) {
      // A page that cannot be fetched is the site's failure; a missing file or bad URL is ours.
      boolean unreachable =
          e.getCause() instanceof FetchException fetch
              && fetch.kind() != FetchException.Kind.BLOCKED;
      throw new CommandFailure(
          unreachable ? CommandFailure.Kind.SERVICE_UNAVAILABLE : CommandFailure.Kind.BAD_INPUT,
          e.getMessage(),
          e);
    }
    Document page;
    try {
      page =
          Jsoup.parse(
              new ByteArrayInputStream(input.body()),
              ArticleFetcher.charset(input.contentType()),
              input.uri().toString());
    } catch (IOException e) {
      throw CommandFailure.badInput(source + ": cannot read the page: " + e.getMessage(), e);
    }
    ExtractedArticle article = new ArticleExtractor().extract(page);
    PrintWriter out = spec.commandLine().getOut();
    out.println(article.title());
    out.println();
    out.println(article.text());
    out.flush();
    return article.isEmpty() ? CommandFailure.Kind.NOT_FOUND.exitCode() : 0;
  }
}
