package dev.tocsin.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the shared, read-only test corpora: the {@code tocsin.corpora} system property when set,
 * else {@code ../shared/corpora} from the project's root.
 */
public final class Corpora {

  /** The system property that overrides the corpora's location. */
  public static final String PROPERTY = "tocsin.corpora";

  private Corpora() {}

  /** Returns {@code relative} inside the corpora when that folder exists. */
  public static Optional<Path> find(String relative) {
    String override = System.getProperty(PROPERTY);
    if (override != null && !override.isBlank()) {
      Path dir = Path.of(override).resolve(relative);
      return Files.isDirectory(dir)
          ? Optional.of(dir.toAbsolutePath().normalize())
          : Optional.empty();
    }
    // Surefire runs in the module's folder; a main class may run from the root.
    for (Path root = Path.of("").toAbsolutePath(); root != null; root = root.getParent()) {
      if (Files.exists(root.resolve("mvnw"))) {
        Path dir = root.resolve("../shared/corpora").resolve(relative).normalize();
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
      }
    }
    return Optional.empty();
  }
}
