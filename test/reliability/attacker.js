// An outside client for the reliability specs, in its own process so that its work does not
// share the server's event loop: node attacker.js <json spec>. The spec: { url, method, headers,
// bodies: [{ kind, repeat?, ... }], concurrency, seconds }. Prints {status: count} as JSON.
const spec = JSON.parse(process.argv[2]);

function build(b) {
  switch (b.kind) {
    case 'deep-array':
      return '['.repeat(b.levels) + ']'.repeat(b.levels);
    case 'deep-object':
      return '{"a":'.repeat(b.levels) + '1' + '}'.repeat(b.levels);
    case 'wide':
      return JSON.stringify(Object.fromEntries(Array.from({ length: b.keys }, (_, i) => [`k${i}`, i])));
    case 'big':
      return JSON.stringify({ title: 'x', language: 'fr', body: 'x'.repeat(b.bytes) });
    case 'login':
      return null; // generated per request
    default:
      throw new Error(`unknown body kind ${b.kind}`);
  }
}

async function main() {
  const bodies = spec.bodies.map((b) => ({ ...b, text: build(b) }));
  const counts = {};
  const until = Date.now() + spec.seconds * 1000;
  let n = 0;
  const client = async (c) => {
    for (let i = c; Date.now() < until; i++) {
      const b = bodies[i % bodies.length];
      const k = n++;
      const headers = { 'content-type': 'application/json', ...(spec.headers ?? {}) };
      if (spec.distinctIps) headers['x-forwarded-for'] = `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}`;
      const body = b.kind === 'login' ? JSON.stringify({ username: `${b.prefix}${k % (b.accounts ?? 1e9)}`, password: `guess-${k}` }) : b.text;
      try {
        const r = await fetch(spec.url, { method: spec.method ?? 'POST', headers, body });
        await r.arrayBuffer();
        counts[r.status] = (counts[r.status] ?? 0) + 1;
      } catch (e) {
        counts.error = (counts.error ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, (_, c) => client(c)));
  process.stdout.write(JSON.stringify(counts));
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e));
  process.exit(1);
});
