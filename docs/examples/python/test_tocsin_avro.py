"""Tests the Python decoder against records Tocsin's own Java serde wrote.

Run after the schemas module's tests (they write schemas/target/consumer-samples/samples.json):

    ./mvnw -pl schemas test && python3 -m unittest discover -s docs/examples/python -v
"""

import datetime
import json
import pathlib
import unittest

import tocsin_avro

ROOT = pathlib.Path(__file__).resolve().parents[3]
HISTORY = ROOT / "schemas/src/main/resources/dev/tocsin/schemas/history"
SAMPLES = ROOT / "schemas/target/consumer-samples/samples.json"


def plain(value):
    """Timestamps as epoch milliseconds, as the Java side wrote its expectations."""
    if isinstance(value, datetime.datetime):
        return round(value.timestamp() * 1000)
    return value


class DecodeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not SAMPLES.is_file():
            raise AssertionError(f"{SAMPLES} is missing: run ./mvnw -pl schemas test first")
        cls.samples = json.loads(SAMPLES.read_text(encoding="utf-8"))
        cls.store = tocsin_avro.SchemaStore.from_history(HISTORY)

    def test_fingerprints_match_java_for_every_released_schema(self):
        expected = self.samples["schemaFingerprints"]
        self.assertTrue(expected)
        for name, hex_fp in expected.items():
            schema_text = (HISTORY / name).read_text(encoding="utf-8")
            self.assertEqual(tocsin_avro.fingerprint(schema_text).hex(), hex_fp, name)

    def test_decodes_records_java_encoded(self):
        self.assertGreaterEqual(len(self.samples["records"]), 2)
        for sample in self.samples["records"]:
            with self.subTest(topic=sample["topic"]):
                record = tocsin_avro.decode(bytes.fromhex(sample["valueHex"]), self.store)
                for field, value in sample["expected"].items():
                    self.assertEqual(plain(record[field]), value, field)

    def test_rejects_values_that_are_not_single_object_avro(self):
        value = bytes.fromhex(self.samples["records"][0]["valueHex"])
        with self.assertRaises(ValueError):
            tocsin_avro.decode(b"\x00" + value[1:], self.store)
        with self.assertRaises(ValueError):
            tocsin_avro.decode(value[:5], self.store)
        unknown = value[:2] + bytes(8) + value[10:]
        with self.assertRaises(tocsin_avro.UnknownSchemaError):
            tocsin_avro.decode(unknown, self.store)


class SchemasTopicTest(unittest.TestCase):
    """A store built from older schema files reads a record of a newer version, whose schema a
    newer Tocsin published to tocsin.schemas, without new files."""

    @classmethod
    def setUpClass(cls):
        if not SAMPLES.is_file():
            raise AssertionError(f"{SAMPLES} is missing: run ./mvnw -pl schemas test first")
        cls.newer = json.loads(SAMPLES.read_text(encoding="utf-8"))["newerVersion"]

    def test_reads_a_newer_version_through_the_resolver(self):
        value = bytes.fromhex(self.newer["valueHex"])
        published = self.newer["schemasTopicValue"].encode("utf-8")
        asked = []

        def resolver(store):
            asked.append(True)
            store.add_published(published)  # what reading tocsin.schemas yields

        record = tocsin_avro.decode(value, tocsin_avro.SchemaStore.from_history(HISTORY, resolver))

        self.assertEqual(asked, [True])
        for field, expected in self.newer["expected"].items():
            self.assertEqual(record[field], expected, field)

    def test_cannot_read_it_without_the_topic(self):
        value = bytes.fromhex(self.newer["valueHex"])
        with self.assertRaises(tocsin_avro.UnknownSchemaError):
            tocsin_avro.decode(value, tocsin_avro.SchemaStore.from_history(HISTORY))

    def test_keeps_the_highest_version_as_the_reader_schema(self):
        store = tocsin_avro.SchemaStore.from_history(HISTORY)
        store.add_published(self.newer["schemasTopicValue"].encode("utf-8"))
        latest = store.latest("dev.tocsin.schemas.Feed")
        store.add((HISTORY / "Feed/v1.avsc").read_text(encoding="utf-8"), 1)
        self.assertIs(store.latest("dev.tocsin.schemas.Feed"), latest)
        self.assertIn("homepage", [f.name for f in latest.fields])

    def test_refuses_a_published_value_whose_fingerprint_is_not_its_schemas(self):
        record = json.loads(self.newer["schemasTopicValue"])
        record["fingerprint"] = "0011223344556677"
        with self.assertRaises(ValueError):
            tocsin_avro.SchemaStore().add_published(json.dumps(record).encode("utf-8"))


if __name__ == "__main__":
    unittest.main()
