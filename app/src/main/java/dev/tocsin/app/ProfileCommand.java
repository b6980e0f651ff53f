package dev.tocsin.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tocsin.enrich.entity.Mention;
import dev.tocsin.enrich.event.DetectedEvent;
import dev.tocsin.enrich.profile.WatchProfile;
import dev.tocsin.enrich.relevance.Figures;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tocsin profile}: tools for watch profiles. */
@Command(
    name = "profile",
    mixinStandardHelpOptions = true,
    description = "Tools for watch profiles.",
    subcommands = {ProfileCommand.Test.class})
final class ProfileCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /**
   * A test file: the profile under test and the cases with their expected verdicts.
   *
   * @param profile bundled profile name or profile YAML path, relative to the test file
   * @param cases the cases
   */
  record Cases(String profile, List<Case> cases) {}

  /**
   * One story and what the profile must say about it.
   *
   * @param name the case's name in the report
   * @param title the story's title
   * @param body the story's text, may be null
   * @param expect the expected verdicts
   */
  record Case(String name, String title, String body, Expect expect) {}

  /**
   * Expected verdicts; an absent one is not checked.
   *
   * @param relevant whether the story is on the watch
   * @param events event types that must be found (exactly these, in any order)
   * @param mainEvent the event type that must come first
   * @param entities entity ids that must be among the mentions
   * @param language the language that must be detected
   */
  record Expect(
      Boolean relevant,
      List<String> events,
      String mainEvent,
      List<String> entities,
      String language) {}

  /**
   * {@code tocsin profile test FILE}: checks a profile against expected verdicts (YAML cases) or
   * measures it on labelled stories (JSON lines).
   */
  @Command(
      name = "test",
      mixinStandardHelpOptions = true,
      description = {
        "Checks a watch profile against stories with expected verdicts (relevant, events,"
            + " entities, language), as promtool test rules does; or, for a .jsonl file of"
            + " labelled stories ({\"title\",\"summary\"|\"body\",\"lang\",\"label\":0|1"
            + " or \"relevant\":true|false}), prints precision, recall and F1 per language and"
            + " the misclassified stories with their reasons.",
        "Exit code: 0 when every case passes (labelled stories: when F1 reaches --min-f1),"
            + " 1 when any fails, 2 when the file is invalid."
      })
  static final class Test implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(
        paramLabel = "FILE",
        arity = "1..*",
        description = "YAML case files, or labelled stories as JSON lines (.jsonl, .ndjson).")
    List<Path> files;

    @Option(
        names = "--profile",
        defaultValue = "russia-dprk",
        description =
            "Profile for labelled stories: bundled name or YAML file (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(
        names = "--min-f1",
        defaultValue = "0",
        description = "Labelled stories: exit 1 when the overall F1 is below this.")
    double minF1;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      int worst = 0;
      for (Path file : files) {
        if (LabelledCheck.isJsonLines(file)) {
          worst = Math.max(worst, labelled(file, out, err));
          continue;
        }
        out.printf("Unit Testing:  %s%n", file);
        Cases cases;
        try {
          cases = read(file);
        } catch (IOException | IllegalArgumentException e) {
          err.printf("  FAILED:%n    %s: %s%n", file, e.getMessage());
          worst = 2;
          continue;
        }
        List<String> failures;
        try {
          failures = run(file, cases);
        } catch (IllegalArgumentException e) {
          err.printf("  FAILED:%n    %s: %s%n", file, e.getMessage());
          worst = 2;
          continue;
        }
        if (failures.isEmpty()) {
          out.printf("  SUCCESS (%d cases)%n", cases.cases().size());
        } else {
          out.printf("  FAILED (%d of %d cases):%n", failures.size(), cases.cases().size());
          failures.forEach(out::print);
          worst = Math.max(worst, 1);
        }
      }
      out.flush();
      err.flush();
      return worst;
    }

    private int labelled(Path file, PrintWriter out, PrintWriter err) {
      List<LabelledCheck.Labelled> stories;
      WatchProfile watch;
      try {
        stories = LabelledCheck.read(file);
        watch = StoryJudge.profile(profile);
      } catch (LabelledCheck.InvalidFileException | IllegalArgumentException e) {
        err.printf("%s%n", e.getMessage());
        return 2;
      } catch (java.io.UncheckedIOException e) {
        err.printf("%s: %s%n", e.getMessage(), e.getCause().getMessage());
        return 2;
      }
      out.printf("Labelled stories:  %s (%d, profile %s)%n", file, stories.size(), watch.id());
      Figures all = LabelledCheck.run(watch, stories, out);
      if (all.f1() < minF1) {
        out.printf(Locale.ROOT, "  FAILED: F1 %.3f is below %.3f%n", all.f1(), minF1);
        return 1;
      }
      return 0;
    }

    static Cases read(Path file) throws IOException {
      Cases cases =
          new ObjectMapper(new YAMLFactory())
              .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .readValue(file.toFile(), Cases.class);
      if (cases == null || cases.cases() == null || cases.cases().isEmpty()) {
        throw new IllegalArgumentException("no 'cases'");
      }
      for (int i = 0; i < cases.cases().size(); i++) {
        Case c = cases.cases().get(i);
        if (c == null || c.title() == null || c.expect() == null) {
          throw new IllegalArgumentException("cases[" + i + "] needs 'title' and 'expect'");
        }
      }
      return cases;
    }

    static List<String> run(Path file, Cases cases) {
      String profileRef = cases.profile() == null ? "russia-dprk" : cases.profile();
      Path beside = file.toAbsolutePath().getParent().resolve(profileRef);
      WatchProfile profile =
          StoryJudge.profile(beside.toFile().isFile() ? beside.toString() : profileRef);
      List<String> failures = new ArrayList<>();
      for (int i = 0; i < cases.cases().size(); i++) {
        Case c = cases.cases().get(i);
        String name = c.name() == null ? "cases[" + i + "]" : c.name();
        // Each case is judged on its own: no case is a copy of another.
        StoryJudge.Judgement j =
            new StoryJudge(profile, file.toUri().toString())
                .judge(new StoryJudge.Input(null, null, null, c.title(), c.body(), null));
        List<String> problems = check(c.expect(), j);
        if (!problems.isEmpty()) {
          StringBuilder report = new StringBuilder();
          report.append(String.format(Locale.ROOT, "    case: %s%n", name));
          problems.forEach(p -> report.append("      ").append(p).append(System.lineSeparator()));
          report.append(
              String.format(
                  Locale.ROOT,
                  "      got: relevance %.2f, reasons %s%n",
                  j.analysis().relevance().score(),
                  j.analysis().relevance().reasons().stream()
                      .map(r -> r.code() + "(" + r.detail() + ")")
                      .toList()));
          failures.add(report.toString());
        }
      }
      return failures;
    }

    static List<String> check(Expect expect, StoryJudge.Judgement j) {
      List<String> problems = new ArrayList<>();
      var a = j.analysis();
      if (expect.relevant() != null && expect.relevant() != a.relevance().relevant()) {
        problems.add(
            "relevant: expected " + expect.relevant() + ", got " + a.relevance().relevant());
      }
      Set<String> events = new TreeSet<>();
      a.events().stream().map(DetectedEvent::type).forEach(events::add);
      if (expect.events() != null && !events.equals(new TreeSet<>(expect.events()))) {
        problems.add("events: expected " + new TreeSet<>(expect.events()) + ", got " + events);
      }
      String main = a.events().isEmpty() ? null : a.events().get(0).type();
      if (expect.mainEvent() != null && !expect.mainEvent().equals(main)) {
        problems.add("mainEvent: expected " + expect.mainEvent() + ", got " + main);
      }
      if (expect.entities() != null) {
        Set<String> found = new TreeSet<>();
        a.mentions().stream().map(Mention::entityId).forEach(found::add);
        Set<String> missing = new TreeSet<>(expect.entities());
        missing.removeAll(found);
        if (!missing.isEmpty()) {
          problems.add("entities: missing " + missing + ", found " + found);
        }
      }
      if (expect.language() != null && !expect.language().equals(a.language())) {
        problems.add("language: expected " + expect.language() + ", got " + a.language());
      }
      return problems;
    }
  }
}
