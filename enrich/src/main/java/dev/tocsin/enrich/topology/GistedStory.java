package dev.tocsin.enrich.topology;

import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.internal.GistProbe;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/** A judged story with the probes its gist sends to the gist buckets. */
record GistedStory(EnrichedStory story, List<KeyValue<String, GistProbe>> probes) {}
