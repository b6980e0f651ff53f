#!/usr/bin/env bash
# Validates docs/asyncapi.yaml with the AsyncAPI parser (the library the AsyncAPI CLI validates
# with) and its Avro schema parser, so the Avro payloads it references are parsed too. Installs
# both from npm into target/asyncapi-tools (pinned versions) on first use; needs Node.js 18+.
# Exits non-zero on any error-level diagnostic; prints warnings.
set -euo pipefail
cd "$(dirname "$0")/.."

tools=target/asyncapi-tools
parser_version=3.6.6
avro_parser_version=3.1.0
if [ ! -f "$tools/node_modules/@asyncapi/parser/package.json" ] \
  || ! grep -q "\"version\": \"$parser_version\"" "$tools/node_modules/@asyncapi/parser/package.json"; then
  mkdir -p "$tools"
  echo "validate-asyncapi: installing @asyncapi/parser@$parser_version into $tools" >&2
  npm install --prefix "$tools" --no-audit --no-fund --silent --no-save \
    "@asyncapi/parser@$parser_version" "@asyncapi/avro-schema-parser@$avro_parser_version" >&2
fi

cat >"$tools/validate.cjs" <<'JS'
const path = require('path');
const { Parser, fromFile } = require('@asyncapi/parser');
const { AvroSchemaParser } = require('@asyncapi/avro-schema-parser');

const SEVERITY = ['error', 'warning', 'info', 'hint'];

async function main(file) {
  const parser = new Parser();
  parser.registerSchemaParser(AvroSchemaParser());
  const { document, diagnostics } = await fromFile(parser, path.resolve(file)).parse();
  for (const d of diagnostics) {
    const where = d.path && d.path.length ? d.path.join('.') : '(document)';
    console.log(`${SEVERITY[d.severity] || d.severity}: ${d.code}: ${d.message} at ${where}`);
  }
  const errors = diagnostics.filter((d) => d.severity === 0);
  if (!document || errors.length > 0) {
    console.error(`validate-asyncapi: ${file} is NOT valid (${errors.length} error(s))`);
    process.exit(1);
  }
  const channels = document.channels().all();
  const messages = document.components().messages().all();
  for (const message of messages) {
    const payload = message.payload();
    if (!payload || payload.type() !== 'object') {
      console.error(`validate-asyncapi: message ${message.id()} has no parsed record payload`);
      process.exit(1);
    }
  }
  console.log(`validate-asyncapi: ${file} is valid AsyncAPI ${document.version()}: ` +
    `${channels.length} channels, ${messages.length} messages with Avro payloads parsed`);
}

main(process.argv[2]).catch((e) => {
  console.error(`validate-asyncapi: ${e.stack || e}`);
  process.exit(1);
});
JS
node "$tools/validate.cjs" docs/asyncapi.yaml
