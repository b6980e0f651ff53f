package dev.tocsin.enrich.topology;

import dev.tocsin.schemas.DedupVerdict;
import dev.tocsin.schemas.EnrichedStory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.serialization.Serde;

/**
 * Writes an {@link EnrichedStory} in two parts, for the index task: the analysis encodes the story
 * up to its {@code dedup} field (its "head"), on the story's own partition; the index task appends
 * the verdict, cluster id and analysis time it decides and has the record the topic serde would
 * have written, without decoding or encoding the story's texts itself. In the binary encoding a
 * record is its fields one after the other, so the two parts joined are that encoding byte for byte
 * ({@code EnrichedEncodingTest}); {@code dedup}, {@code clusterId} and {@code analyzedAt} are the
 * schema's last fields.
 */
final class EnrichedEncoding {

  private static final SpecificDatumWriter<DedupVerdict> VERDICT =
      new SpecificDatumWriter<>(DedupVerdict.getClassSchema());

  private final Serde<EnrichedStory> serde;

  EnrichedEncoding(Serde<EnrichedStory> serde) {
    this.serde = serde;
  }

  /** Returns {@code story} encoded by the serde up to its {@code dedup} field. */
  byte[] head(EnrichedStory story) {
    byte[] whole = serde.serializer().serialize("", story);
    byte[] tail = tail(story.getDedup(), story.getClusterId(), story.getAnalyzedAt());
    int at = whole.length - tail.length;
    if (at < 0 || !Arrays.equals(whole, at, whole.length, tail, 0, tail.length)) {
      throw new IllegalStateException(
          "EnrichedStory no longer ends with dedup, clusterId and analyzedAt");
    }
    return Arrays.copyOf(whole, at);
  }

  /** Returns the whole record: {@code head} followed by the fields the index task decides. */
  static byte[] join(byte[] head, DedupVerdict dedup, String clusterId, Instant analyzedAt) {
    byte[] tail = tail(dedup, clusterId, analyzedAt);
    byte[] out = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, out, head.length, tail.length);
    return out;
  }

  /** Returns the record {@code bytes} holds, as the topic serde reads it. */
  EnrichedStory decode(byte[] bytes) {
    return serde.deserializer().deserialize("", bytes);
  }

  private static byte[] tail(DedupVerdict dedup, String clusterId, Instant analyzedAt) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      VERDICT.write(dedup, encoder);
      if (clusterId == null) {
        encoder.writeIndex(0);
      } else {
        encoder.writeIndex(1);
        encoder.writeString(clusterId);
      }
      encoder.writeLong(analyzedAt.toEpochMilli());
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
