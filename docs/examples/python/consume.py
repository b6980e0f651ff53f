#!/usr/bin/env python3
"""Prints Tocsin's escalation alerts as they are committed to Kafka.

    python3 consume.py --bootstrap-servers localhost:19092 \
        --schemas ../../../schemas/src/main/resources/dev/tocsin/schemas/history

Needs the Apache Avro library and confluent-kafka (Debian: python3-avro python3-confluent-kafka).
"""

import argparse

from confluent_kafka import Consumer

import tocsin_avro


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--bootstrap-servers", default="localhost:19092")
    args.add_argument("--topic", default="tocsin.alerts")
    args.add_argument("--group", default="alerts-printer")
    args.add_argument("--schemas", required=True, help="the schema history directory")
    opts = args.parse_args()

    store = tocsin_avro.SchemaStore.from_history(opts.schemas)
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
