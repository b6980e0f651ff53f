package dev.tocsin.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * Returns every released version of a schema, kept as {@code history/<Name>/v<N>.avsc} resources
 * beside this class; version N+1 must be backward and forward compatible with versions 1..N.
 */
public final class SchemaHistory {

  private SchemaHistory() {}

  /** Returns the released versions of the named record schema, oldest first. */
  public static List<Schema> versions(String recordName) {
    Objects.requireNonNull(recordName, "recordName");
    List<Schema> versions = new ArrayList<>();
    for (int v = 1; ; v++) {
      String resource = "history/" + recordName + "/v" + v + ".avsc";
      try (InputStream in = SchemaHistory.class.getResourceAsStream(resource)) {
        if (in == null) {
          return List.copyOf(versions);
        }
        versions.add(
            new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read schema history resource " + resource, e);
      }
    }
  }
}
