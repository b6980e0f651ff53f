#!/bin/bash
# kafka-broker-api-versions.sh --bootstrap-server HOST:PORT: exits 0 when the brokers answer a
# request (a cluster description) within 8 s, printing each; 1 otherwise. The compose file's Kafka
# healthcheck calls it.
exec /opt/kafka/bin/kafka-run-class.sh BrokerApiVersions "$@"
