"""Decodes Tocsin's Kafka record values: Avro single-object encoding, no schema registry.

A value is the two bytes C3 01, the 8-byte little-endian CRC-64-AVRO fingerprint of the writer
schema's parsing canonical form, then the Avro binary body. The writer schema is found by its
fingerprint among the released schema versions that Tocsin keeps (in the repository under
schemas/src/main/resources/dev/tocsin/schemas/history/<Name>/v<N>.avsc, and in the tocsin-schemas
jar under dev/tocsin/schemas/history/), or among the versions Tocsin's services publish to the
compacted topic tocsin.schemas (JSON values, keyed by fingerprint): a store given a resolver asks
it when a fingerprint is unknown. Records are decoded with the latest version of the same schema
as the reader schema, so fields added later get their defaults.

Needs only the Apache Avro library (Debian: python3-avro; PyPI: avro).
"""

import io
import json
import pathlib
import re
import struct

import avro.io
import avro.schema

MAGIC = b"\xc3\x01"
HEADER_LENGTH = 10

_EMPTY = 0xC15D213AA4D7A795
_TABLE = []
for _i in range(256):
    _fp = _i
    for _ in range(8):
        _fp = (_fp >> 1) ^ (_EMPTY if _fp & 1 else 0)
    _TABLE.append(_fp)


def crc64_avro(data: bytes) -> int:
    """Returns the Avro specification's 64-bit Rabin fingerprint (CRC-64-AVRO) of data."""
    fp = _EMPTY
    for byte in data:
        fp = (fp >> 8) ^ _TABLE[(fp ^ byte) & 0xFF]
    return fp


_PRIMITIVES = {"null", "boolean", "int", "long", "float", "double", "bytes", "string"}


def canonical_form(schema_json) -> str:
    """Returns the Parsing Canonical Form of a schema given as parsed JSON (Avro spec, 1.9+).

    Written out here because python3-avro 1.11's Schema.canonical_form keeps primitive types
    that carry properties (logicalType, avro.java.string) in their object form, so its
    fingerprints differ from Java's and from the specification.
    """
    seen = set()

    def fullname(name, namespace):
        return name if "." in name or not namespace else f"{namespace}.{name}"

    def walk(schema, namespace):
        if isinstance(schema, str):
            return json.dumps(schema if schema in _PRIMITIVES else fullname(schema, namespace))
        if isinstance(schema, list):
            return "[" + ",".join(walk(branch, namespace) for branch in schema) + "]"
        kind = schema["type"]
        if not isinstance(kind, str):
            return walk(kind, namespace)
        if kind in ("record", "error", "enum", "fixed"):
            name = fullname(schema["name"], schema.get("namespace", namespace))
            if name in seen:
                return json.dumps(name)
            seen.add(name)
            inner = name.rpartition(".")[0]
            parts = ['"name":' + json.dumps(name), '"type":' + json.dumps(kind)]
            if kind == "enum":
                parts.append('"symbols":' + json.dumps(schema["symbols"], separators=(",", ":")))
            elif kind == "fixed":
                parts.append('"size":' + str(int(schema["size"])))
            else:
                fields = (
                    '{"name":' + json.dumps(f["name"]) + ',"type":' + walk(f["type"], inner) + "}"
                    for f in schema["fields"]
                )
                parts.append('"fields":[' + ",".join(fields) + "]")
            return "{" + ",".join(parts) + "}"
        if kind == "array":
            return '{"type":"array","items":' + walk(schema["items"], namespace) + "}"
        if kind == "map":
            return '{"type":"map","values":' + walk(schema["values"], namespace) + "}"
        return walk(kind, namespace)  # a primitive or a named type, with properties to strip

    return walk(schema_json, None)


def fingerprint(schema_text: str) -> bytes:
    """Returns the 8 bytes a single-object header carries for a schema given as JSON text."""
    canonical = canonical_form(json.loads(schema_text))
    return struct.pack("<Q", crc64_avro(canonical.encode("utf-8")))


class UnknownSchemaError(ValueError):
    """The record's writer schema is not among the known versions (upgrade the schemas)."""


class SchemaStore:
    """Every known schema version, by fingerprint; the latest version of each schema, by name."""

    def __init__(self, resolver=None):
        """resolver, if given, is called with this store when a fingerprint is unknown; it adds
        what it finds (e.g. the values of the tocsin.schemas topic, with add_published)."""
        self._by_fingerprint = {}
        self._latest = {}
        self._latest_version = {}
        self._resolver = resolver

    @classmethod
    def from_history(cls, directory, resolver=None) -> "SchemaStore":
        """Loads <directory>/<Name>/v<N>.avsc, the layout of Tocsin's schema history."""
        store = cls(resolver)
        files = sorted(
            pathlib.Path(directory).glob("*/v*.avsc"),
            key=lambda p: (p.parent.name, int(re.sub(r"\D", "", p.stem))),
        )
        if not files:
            raise FileNotFoundError(f"no <Name>/v<N>.avsc schema files under {directory}")
        for path in files:
            store.add(path.read_text(encoding="utf-8"), int(re.sub(r"\D", "", path.stem)))
        return store

    def add(self, schema_text: str, version: int = None) -> None:
        """Adds one version, as JSON text. Without a version number, versions of one name must
        be added oldest first; with one, the highest number is the latest."""
        schema = avro.schema.parse(schema_text)
        self._by_fingerprint[fingerprint(schema_text)] = schema
        known = self._latest_version.get(schema.fullname)
        if version is None or known is None or version >= known:
            self._latest[schema.fullname] = schema
            self._latest_version[schema.fullname] = version if version is not None else known

    def add_published(self, value: bytes) -> None:
        """Adds a value of the tocsin.schemas topic: JSON with name, version, fingerprint and
        the schema as JSON text; raises ValueError when the fingerprint is not the schema's."""
        record = json.loads(value.decode("utf-8"))
        if fingerprint(record["schema"]).hex() != record["fingerprint"]:
            raise ValueError(f"fingerprint {record['fingerprint']} is not that of {record['name']}")
        self.add(record["schema"], int(record["version"]))

    def writer(self, fp: bytes) -> avro.schema.Schema:
        if fp not in self._by_fingerprint and self._resolver is not None:
            self._resolver(self)
        try:
            return self._by_fingerprint[fp]
        except KeyError:
            raise UnknownSchemaError(f"unknown writer schema fingerprint {fp.hex()}") from None

    def latest(self, fullname: str) -> avro.schema.Schema:
        return self._latest[fullname]

    def fingerprints(self):
        return dict(self._by_fingerprint)


def decode(value: bytes, store: SchemaStore) -> dict:
    """Decodes one record value into a dict; raises ValueError on a malformed value."""
    if value is None:
        raise ValueError("a null value is a tombstone, not a record")
    if len(value) < HEADER_LENGTH or value[:2] != MAGIC:
        raise ValueError(f"not Avro single-object encoding (starts {value[:2].hex()})")
    writer = store.writer(bytes(value[2:HEADER_LENGTH]))
    reader = store.latest(writer.fullname)
    decoder = avro.io.BinaryDecoder(io.BytesIO(value[HEADER_LENGTH:]))
    return avro.io.DatumReader(writer, reader).read(decoder)
