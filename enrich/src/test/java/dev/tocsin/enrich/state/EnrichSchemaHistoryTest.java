package dev.tocsin.enrich.state;

import dev.tocsin.schemas.testing.SchemaHistoryContract;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

class EnrichSchemaHistoryTest extends SchemaHistoryContract {

  @Override
  protected List<Class<? extends SpecificRecord>> recordTypes() {
    return List.of(IndexRequest.class, IndexedStory.class);
  }
}
