// SPDX-License-Identifier: Apache-2.0
// SSE reference for the transport differential test: runs npm eventsource-parser over byte
// chunks and prints the events.  stdin: JSON [[hexChunk, ...], ...]; stdout: JSON
// [[{event, data}, ...], ...].  End of stream is fed as "\n\n" so a final event without its
// blank line is flushed, the same rule as aiperf's sse_framer::finish().
'use strict';
const path = require('path');
const dir = process.argv[2];
const { createParser } = require(path.join(dir, 'node_modules', 'eventsource-parser'));
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = cases.map((chunks) => {
  const events = [];
  const parser = createParser({ onEvent: (e) => events.push({ event: e.event || '', data: e.data }) });
  const decoder = new TextDecoder('utf-8');
  for (const hex of chunks) parser.feed(decoder.decode(Buffer.from(hex, 'hex'), { stream: true }));
  parser.feed(decoder.decode() + '\n\n');
  return events;
});
process.stdout.write(JSON.stringify(out));
