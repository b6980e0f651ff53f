package dev.tocsin.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the Java consumer of docs/consumers.md against this module, so the guide cannot rot (an
 * IT because an in-process javac takes seconds).
 */
class ConsumerGuideIT {

  private static final Path GUIDE = Path.of("..", "docs", "consumers.md");
  private static final Pattern JAVA_CLASS =
      Pattern.compile("```java\\n(import .*?public final class (\\w+).*?)```", Pattern.DOTALL);

  @Test
  void shouldCompileEveryJavaClassInConsumerGuide(@TempDir Path classes) throws IOException {
    List<JavaFileObject> sources = new ArrayList<>();
    Matcher m = JAVA_CLASS.matcher(Files.readString(GUIDE));
    while (m.find()) {
      String code = m.group(1);
      sources.add(
          new SimpleJavaFileObject(
              URI.create("string:///" + m.group(2) + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
              return code;
            }
          });
    }
    assertThat(sources).as("Java classes in " + GUIDE).isNotEmpty();

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    List<String> options =
        List.of(
            "-Xlint:all",
            "-Werror",
            "-classpath",
            System.getProperty("java.class.path"),
            "-d",
            classes.toString());
    boolean compiled = javac.getTask(diagnostics, null, null, options, null, sources).call();

    assertThat(compiled).as("javac: %s", diagnostics).isTrue();
  }
}
