package dev.tocsin.app;

import dev.tocsin.ingest.extract.ArticleExtractor;
import dev.tocsin.ingest.extract.ArticleFetcher;
import dev.tocsin.ingest.extract.ExtractedArticle;
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
      PrintWriter err = spec.commandLine().getErr();
      err.println("tocsin extract: " + e.getMessage());
      err.flush();
      return 1;
    }
    Document page;
    try {
      page =
          Jsoup.parse(
              new ByteArrayInputStream(input.body()),
              ArticleFetcher.charset(input.contentType()),
              input.uri().toString());
    } catch (IOException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("tocsin extract: " + source + ": cannot read the page: " + e.getMessage());
      err.flush();
      return 1;
    }
    ExtractedArticle article = new ArticleExtractor().extract(page);
    PrintWriter out = spec.commandLine().getOut();
    out.println(article.title());
    out.println();
    out.println(article.text());
    out.flush();
    return article.isEmpty() ? 2 : 0;
  }
}
