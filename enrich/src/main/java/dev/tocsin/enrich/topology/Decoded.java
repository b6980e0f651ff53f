package dev.tocsin.enrich.topology;

import dev.tocsin.schemas.DeadLetter;
import dev.tocsin.schemas.RawStory;

/** A raw record after decoding: the story, or the dead letter that explains why there is none. */
record Decoded(RawStory story, DeadLetter deadLetter) {}
