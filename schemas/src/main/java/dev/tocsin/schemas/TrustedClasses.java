package dev.tocsin.schemas;

import org.apache.avro.util.ClassSecurityValidator;

/** Registers the generated record classes with Avro's class security validator, once per JVM. */
final class TrustedClasses {

  private static final java.util.List<Class<? extends Enum<?>>> ENUM_TYPES =
      java.util.List.of(
          EntityType.class,
          TextField.class,
          DedupMethod.class,
          DedupStatus.class,
          Corroboration.class,
          AlertKind.class,
          AlertStatus.class,
          AlertLevel.class,
          FeedErrorKind.class,
          DeliveryOutcome.class);

  private static boolean registered;

  private TrustedClasses() {}

  // Avro 1.12.2 refuses to instantiate generated classes that were not declared trusted; doing it
  // here spares every consumer from setting org.apache.avro.SERIALIZABLE_PACKAGES.
  static synchronized void register() {
    if (registered) {
      return;
    }
    ClassSecurityValidator.Builder trusted = ClassSecurityValidator.builder();
    for (Class<?> type : SchemaCatalog.RECORD_TYPES) {
      trusted.add(type);
    }
    for (Class<?> type : ENUM_TYPES) {
      trusted.add(type);
    }
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), trusted.build()));
    registered = true;
  }
}
