#!/bin/bash
# Kafka's storage tool: format, random-uuid, info (as in the Kafka distribution).
exec /opt/kafka/bin/kafka-run-class.sh kafka.tools.StorageTool "$@"
