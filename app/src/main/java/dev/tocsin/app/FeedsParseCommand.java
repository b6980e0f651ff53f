package dev.tocsin.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.ingest.feed.FeedParseException;
import dev.tocsin.ingest.feed.FeedParser;
import dev.tocsin.ingest.feed.ParsedFeed;
import dev.tocsin.ingest.feed.ParsedItem;
import dev.tocsin.ingest.identity.CanonicalUrl;
import dev.tocsin.ingest.identity.StoryIds;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Parses feed files or URLs and prints one JSON object per input on its own line, so the output
 * works with {@code jq} and line-oriented tools. Inputs are parsed on several threads and printed
 * in the order given.
 */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    description = {
      "Parse feed files or URLs; print one JSON object per input on its own line:",
      "{\"source\",\"ok\",\"error\" (when not ok),\"format\",\"title\",\"items\":[{\"id\",\"guid\","
          + "\"link\",\"canonicalUrl\",\"title\",\"summary\",\"published\",\"author\","
          + "\"language\"}]}",
      "Exits with 1 when any input failed."
    })
final class FeedsParseCommand implements Callable<Integer> {

  /** Made when the command runs, not when the command line is built (as for --version). */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  @Parameters(arity = "1..*", paramLabel = "FILE|URL", description = "Feed files or http(s) URLs.")
  List<String> sources;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Parse on this many threads (default: one per processor).")
  Integer threads;

  @Spec CommandSpec spec;

  /** Inputs in flight per thread: enough that one slow input rarely leaves a thread idle. */
  static final int WINDOW_PER_THREAD = 16;

  private final SourceReader reader;
  private final FeedParser parser = new FeedParser();

  FeedsParseCommand() {
    this(SourceReader.defaults());
  }

  FeedsParseCommand(SourceReader reader) {
    this.reader = reader;
  }

  @Override
  public Integer call() throws JsonProcessingException, InterruptedException {
    int count = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (count < 1) {
      throw CommandFailure.badInput("--threads must be at least 1: " + count);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (count == 1 || sources.size() == 1) {
      boolean allOk = true;
      for (String source : sources) {
        allOk &= print(out, parse(source));
      }
      return allOk ? 0 : 1;
    }
    // Picocli's writer flushes on every line; this one only when parseInParallel says so.
    return parseInParallel(new PrintWriter(out), Math.min(count, sources.size())) ? 0 : 1;
  }

  /**
   * Parses on {@code threads} threads and prints each line as soon as every earlier one is out; at
   * most {@value #WINDOW_PER_THREAD} inputs per thread are in memory at once, however many are
   * given. Output is flushed whenever the next line is not ready yet, not after every line.
   */
  private boolean parseInParallel(PrintWriter out, int threads)
      throws JsonProcessingException, InterruptedException {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, "feeds-parse");
              thread.setDaemon(true);
              return thread;
            });
    try {
      int window = WINDOW_PER_THREAD * threads;
      Deque<Future<ObjectNode>> pending = new ArrayDeque<>();
      boolean allOk = true;
      for (String source : sources) {
        if (pending.size() == window) {
          allOk &= write(out, next(out, pending));
        }
        pending.add(pool.submit(() -> parse(source)));
      }
      while (!pending.isEmpty()) {
        allOk &= write(out, next(out, pending));
      }
      return allOk;
    } finally {
      out.flush();
      pool.shutdownNow();
    }
  }

  /** The next line in order; what is written so far is flushed first if it must be waited for. */
  private static ObjectNode next(PrintWriter out, Deque<Future<ObjectNode>> pending)
      throws InterruptedException {
    Future<ObjectNode> head = pending.remove();
    if (!head.isDone()) {
      out.flush();
    }
    try {
      return head.get();
    } catch (ExecutionException e) {
      // parse() turns bad input into a line; anything else is a bug worth its stack trace.
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static boolean print(PrintWriter out, ObjectNode line) throws JsonProcessingException {
    boolean ok = write(out, line);
    out.flush();
    return ok;
  }

  private static boolean write(PrintWriter out, ObjectNode line) throws JsonProcessingException {
    out.println(Json.MAPPER.writeValueAsString(line));
    return line.get("ok").asBoolean();
  }

  ObjectNode parse(String source) {
    ObjectNode line = Json.MAPPER.createObjectNode();
    line.put("source", source);
    ParsedFeed feed;
    SourceReader.Source input;
    try {
      input = reader.read(source);
      feed = parser.parse(input.body(), input.contentType(), input.uri());
    } catch (IOException | FeedParseException e) {
      line.put("ok", false);
      line.put("error", e.getMessage());
      line.putNull("format");
      line.putNull("title");
      line.putArray("items");
      return line;
    }
    line.put("ok", true);
    line.put("format", feed.format());
    line.put("title", feed.title());
    ArrayNode items = line.putArray("items");
    String feedUrl = input.uri().toString();
    for (ParsedItem item : feed.items()) {
      String canonical = item.link() == null ? null : CanonicalUrl.of(item.link()).orElse(null);
      String text =
          item.content() != null ? item.content() : item.summary() == null ? "" : item.summary();
      ObjectNode json = items.addObject();
      json.put("id", StoryIds.of(canonical, item.guid(), feedUrl, item.title(), text));
      json.put("guid", item.guid());
      json.put("link", item.link());
      json.put("canonicalUrl", canonical);
      json.put("title", item.title());
      json.put("summary", item.summary());
      json.put("published", item.published() == null ? null : item.published().toString());
      json.put("author", item.author());
      json.put("language", item.language() != null ? item.language() : feed.language());
    }
    return line;
  }
}
