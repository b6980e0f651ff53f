#!/bin/bash
# Runs a class of the broker's classpath: kafka-run-class.sh CLASS [ARGS...]
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} ${KAFKA_OPTS:-} -Dlogback.configurationFile=/etc/kafka/docker/logback-tools.xml \
  -cp '/opt/kafka/libs/*:/opt/kafka/tools' "$@"
