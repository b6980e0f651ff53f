package dev.tocsin.schemas;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Registers generated record and enum classes with Avro's class security validator: every named
 * type a serde's schema reaches, once per JVM.
 */
final class TrustedClasses {

  private static final Set<String> TRUSTED = new HashSet<>();

  private TrustedClasses() {}

  // Avro 1.12.2 refuses to instantiate generated classes that were not declared trusted; doing it
  // here spares every consumer from setting org.apache.avro.SERIALIZABLE_PACKAGES. The classes are
  // found by walking the schema, so records that other modules generate (their state store values)
  // are trusted the same way as the public ones.
  static synchronized void register(Schema schema) {
    Set<String> named = new LinkedHashSet<>();
    collect(schema, named);
    named.removeAll(TRUSTED);
    if (named.isEmpty()) {
      return;
    }
    ClassSecurityValidator.Builder trusted = ClassSecurityValidator.builder();
    named.forEach(trusted::add);
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), trusted.build()));
    TRUSTED.addAll(named);
  }

  private static void collect(Schema schema, Set<String> named) {
    switch (schema.getType()) {
      case RECORD -> {
        if (named.add(schema.getFullName())) {
          schema.getFields().forEach(f -> collect(f.schema(), named));
        }
      }
      case ENUM, FIXED -> named.add(schema.getFullName());
      case ARRAY -> collect(schema.getElementType(), named);
      case MAP -> collect(schema.getValueType(), named);
      case UNION -> schema.getTypes().forEach(t -> collect(t, named));
      default -> {
        // primitives: no generated class to trust
      }
    }
  }
}
