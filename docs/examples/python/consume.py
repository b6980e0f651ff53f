#!/usr/bin/env python3
"""Prints Tocsin's escalation alerts as they are committed to Kafka.

    python3 consume.py --bootstrap-servers localhost:19092 \
        --schemas ../../../schemas/src/main/resources/dev/tocsin/schemas/history

Without --schemas, every writer schema comes from the tocsin.schemas topic, which Tocsin's
services fill; with it, the topic is read only for versions newer than the files.

Needs the Apache Avro library and confluent-kafka (Debian: python3-avro python3-confluent-kafka).
"""

import argparse
import time

from confluent_kafka import OFFSET_BEGINNING, Consumer, TopicPartition

import tocsin_avro


def schemas_topic_resolver(bootstrap_servers: str, topic: str = "tocsin.schemas"):
    """Returns a resolver for tocsin_avro.SchemaStore that reads the whole schemas topic (one
    partition, one small record per schema version) into the store, at most once a second."""
    last = [float("-inf")]

    def resolve(store: tocsin_avro.SchemaStore) -> None:
        if time.monotonic() - last[0] < 1.0:
            return
        last[0] = time.monotonic()
        consumer = Consumer(
            {
                "bootstrap.servers": bootstrap_servers,
                "group.id": "tocsin-schemas-reader",
                "enable.auto.commit": False,
            }
        )
        try:
            _, high = consumer.get_watermark_offsets(TopicPartition(topic, 0), timeout=10)
            consumer.assign([TopicPartition(topic, 0, OFFSET_BEGINNING)])
            while high > 0:
                msg = consumer.poll(5.0)
                if msg is None:
                    break  # compaction may have removed the last offsets
                if not msg.error() and msg.value() is not None:
                    store.add_published(msg.value())
                if msg.offset() >= high - 1:
                    break
        finally:
            consumer.close()

    return resolve


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--bootstrap-servers", default="localhost:19092")
    args.add_argument("--topic", default="tocsin.alerts")
    args.add_argument("--group", default="alerts-printer")
    args.add_argument("--schemas", help="the schema history directory (optional)")
    args.add_argument("--schemas-topic", default="tocsin.schemas")
    opts = args.parse_args()

    resolver = schemas_topic_resolver(opts.bootstrap_servers, opts.schemas_topic)
    if opts.schemas:
        store = tocsin_avro.SchemaStore.from_history(opts.schemas, resolver)
    else:
        store = tocsin_avro.SchemaStore(resolver)
    consumer = Consumer(
        {
            "bootstrap.servers": opts.bootstrap_servers,
            "group.id": opts.group,
            "auto.offset.reset": "earliest",
            # Only records of committed transactions: nothing aborted, nothing twice.
            "isolation.level": "read_committed",
        }
    )
    consumer.subscribe([opts.topic])
    try:
        while True:
            msg = consumer.poll(1.0)
            if msg is None:
                continue
            if msg.error():
                print(f"error: {msg.error()}")
                continue
            if msg.value() is None:
                continue  # a tombstone on a compacted topic
            try:
                alert = tocsin_avro.decode(msg.value(), store)
            except ValueError as e:
                print(f"skipped {msg.topic()}/{msg.partition()}@{msg.offset()}: {e}")
                continue
            print(
                f"{alert['level']:<8} {alert['status']:<9} v{alert['version']} "
                f"{msg.key().decode('utf-8')}: {alert['title']}"
            )
    except KeyboardInterrupt:
        pass
    finally:
        consumer.close()


if __name__ == "__main__":
    main()
