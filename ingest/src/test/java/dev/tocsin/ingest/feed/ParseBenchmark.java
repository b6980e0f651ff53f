package dev.tocsin.ingest.feed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times {@link FeedParser} on a list of feed files (one path per line on stdin), for {@code
 * bench/parse-vs-feedparser.sh}; not a test. Every file is read into memory first and parsed in
 * warm-up rounds before the timed ones, so the figures are the steady state of a long-running
 * ingest, parsing only. Wall time and this thread's CPU time are both reported: on a shared machine
 * the CPU time is the steadier figure.
 *
 * <p>Usage: {@code java -cp ... dev.tocsin.ingest.feed.ParseBenchmark [warmupRounds] [rounds]}
 */
public final class ParseBenchmark {

  private ParseBenchmark() {}

  /** Runs the benchmark; prints one line per timed round. */
  public static void main(String[] args) throws IOException {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<byte[]> documents = new ArrayList<>();
    List<URI> urls = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          Path path = Path.of(line);
          documents.add(Files.readAllBytes(path));
          urls.add(path.toUri());
        }
      }
    }
    FeedParser parser = new FeedParser();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] nanos = new long[documents.size()];
    long[] cpuNanos = new long[documents.size()];
    int ok = 0;
    for (int round = 0; round < warmup + rounds; round++) {
      ok = 0;
      for (int i = 0; i < documents.size(); i++) {
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        try {
          parser.parse(documents.get(i), null, urls.get(i));
          ok++;
        } catch (FeedParseException e) {
          // A refused document still cost its time.
        }
        nanos[i] = System.nanoTime() - start;
        cpuNanos[i] = threads.getCurrentThreadCpuTime() - cpuStart;
      }
      if (round >= warmup) {
        System.out.printf(
            "tocsin files=%d median_ms=%.4f total_ms=%.1f cpu_median_ms=%.4f cpu_total_ms=%.1f"
                + " parsed=%d%n",
            documents.size(),
            median(nanos) / 1e6,
            Arrays.stream(nanos).sum() / 1e6,
            median(cpuNanos) / 1e6,
            Arrays.stream(cpuNanos).sum() / 1e6,
            ok);
      }
    }
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length % 2 == 1
        ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
  }
}
