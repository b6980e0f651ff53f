package dev.tocsin.schemas;

import dev.tocsin.schemas.testing.SchemaHistoryContract;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

class SchemaHistoryTest extends SchemaHistoryContract {

  @Override
  protected List<Class<? extends SpecificRecord>> recordTypes() {
    return SchemaCatalog.TOPIC_VALUE_TYPES;
  }
}
