package dev.tocsin.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/** Checks that a candidate schema is backward and forward compatible with earlier versions. */
public final class CompatibilityCheck {

  private CompatibilityCheck() {}

  /**
   * Returns the problems found, empty when the candidate can read data written with every earlier
   * version (backward) and every earlier version can read data written with the candidate
   * (forward).
   */
  public static List<String> problems(Schema candidate, List<Schema> earlier) {
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(earlier, "earlier");
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < earlier.size(); i++) {
      Schema old = earlier.get(i);
      String version = "v" + (i + 1);
      describe(
          SchemaCompatibility.checkReaderWriterCompatibility(candidate, old),
          "backward (new reads " + version + ")",
          problems);
      describe(
          SchemaCompatibility.checkReaderWriterCompatibility(old, candidate),
          "forward (" + version + " reads new)",
          problems);
    }
    return problems;
  }

  private static void describe(SchemaPairCompatibility result, String direction, List<String> out) {
    if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
      return;
    }
    result
        .getResult()
        .getIncompatibilities()
        .forEach(
            i ->
                out.add(
                    direction
                        + ": "
                        + i.getType()
                        + " at "
                        + i.getLocation()
                        + ": "
                        + i.getMessage()));
  }
}
