package dev.tocsin.alerting.notify;

/** A sink's name with an alert key or a group key: the key of per-sink state. */
record SinkAndKey(String sink, String key) {}
