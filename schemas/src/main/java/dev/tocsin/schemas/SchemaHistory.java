package dev.tocsin.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * Returns every released version of a schema, kept as {@code history/<Name>/v<N>.avsc} resources
 * beside the record's generated class; version N+1 must be backward and forward compatible with
 * versions 1..N.
 *
 * <p>The public records of this module keep their history here; a module that owns internal records
 * (its state stores and repartition topics) keeps theirs beside its own classes, and the same rule
 * holds.
 */
public final class SchemaHistory {

  private SchemaHistory() {}

  /** Returns the released versions of the named record schema of this module, oldest first. */
  public static List<Schema> versions(String recordName) {
    Objects.requireNonNull(recordName, "recordName");
    return versions(SchemaHistory.class, recordName);
  }

  /** Returns the released versions of a generated record class's schema, oldest first. */
  public static List<Schema> versions(Class<?> recordType) {
    Objects.requireNonNull(recordType, "recordType");
    return versions(recordType, SpecificData.get().getSchema(recordType).getName());
  }

  private static List<Schema> versions(Class<?> beside, String recordName) {
    List<Schema> versions = new ArrayList<>();
    for (int v = 1; ; v++) {
      String resource = "history/" + recordName + "/v" + v + ".avsc";
      try (InputStream in = beside.getResourceAsStream(resource)) {
        if (in == null) {
          return List.copyOf(versions);
        }
        versions.add(
            new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot read schema history resource " + resource + " beside " + beside.getName(), e);
      }
    }
  }
}
