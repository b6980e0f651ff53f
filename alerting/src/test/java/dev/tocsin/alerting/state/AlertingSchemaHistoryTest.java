package dev.tocsin.alerting.state;

import dev.tocsin.schemas.testing.SchemaHistoryContract;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

class AlertingSchemaHistoryTest extends SchemaHistoryContract {

  @Override
  protected List<Class<? extends SpecificRecord>> recordTypes() {
    return List.of(AlertState.class, SurgeState.class);
  }
}
