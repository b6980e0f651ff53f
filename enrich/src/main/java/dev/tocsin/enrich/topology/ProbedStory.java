package dev.tocsin.enrich.topology;

import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.internal.BandProbe;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/** A story with the band probes its fingerprint sends out. */
record ProbedStory(EnrichedStory story, List<KeyValue<String, BandProbe>> probes) {}
