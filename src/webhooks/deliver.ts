import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { isForbiddenAddress } from '../archive/address-policy';
import { forbiddenAmong, hostAllowed, hostOf, shapeProblem, type TargetSettings } from './target-policy';

/** A delivery the SSRF policy forbids: retrying cannot help. */
export class TargetRefused extends Error {}

export interface PostResult {
  status: number;
  latencyMs: number;
  /** The first `excerptChars` characters of the body (more is read and dropped, up to a limit). */
  excerpt: string;
}

/** The most of a response body read (for the excerpt); the rest is not waited for. */
const MAX_READ = 64 * 1024;

/**
 * POSTs one webhook body. The address connected to is the address checked: the socket's own
 * DNS lookup refuses a host that resolves to any forbidden address (every address, not only the
 * first), unless the policy allows the host. Redirects are never followed: a 3xx is an answer,
 * and not a success, so a receiver cannot bounce a delivery to an internal address.
 */
export function postWebhook(rawUrl: string, headers: Record<string, string>, body: string, settings: TargetSettings, timeoutMs: number, excerptChars = 500): Promise<PostResult> {
  const shape = shapeProblem(rawUrl);
  if (shape) return Promise.reject(new TargetRefused(`the address ${shape}`));
  const url = new URL(rawUrl);
  const host = hostOf(url);
  const allowed = hostAllowed(host, settings);
  if (!allowed && isIP(host) && isForbiddenAddress(host)) return Promise.reject(new TargetRefused(`${host} is a private, loopback, link-local or reserved address`));
  const lookup = (hostname: string, opts: object, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...(opts as object), all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', undefined);
      const bad = forbiddenAmong(addresses.map((a) => a.address));
      if (!allowed && bad) return callback(new TargetRefused(`${hostname} resolves to ${bad}, a private, loopback, link-local or reserved address`), '', undefined);
      if ((opts as { all?: boolean }).all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(
      url,
      {
        method: 'POST',
        lookup: lookup as never,
        signal: AbortSignal.timeout(timeoutMs),
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Claimtrail-Webhooks/1', ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          const latencyMs = Number((process.hrtime.bigint() - started) / 1_000_000n);
          resolve({ status: res.statusCode ?? 0, latencyMs, excerpt: Buffer.concat(chunks).toString('utf8').slice(0, excerptChars) });
        };
        res.on('data', (chunk: Buffer) => {
          if (size < MAX_READ) chunks.push(chunk);
          size += chunk.length;
          if (size >= MAX_READ) {
            res.destroy();
            done();
          }
        });
        res.on('end', done);
        res.on('error', reject);
      },
    );
    req.on('error', (error) => reject(error.name === 'AbortError' || error.name === 'TimeoutError' ? new Error(`no answer within ${timeoutMs} ms`) : error));
    req.end(body);
  });
}
