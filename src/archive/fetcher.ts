import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { isForbiddenAddress } from './address-policy';

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Tests only: fetch loopback and private addresses too. */
  allowPrivate: boolean;
}

export interface Fetched {
  finalUrl: string;
  status: number;
  contentType: string | null;
  body: Buffer;
}

/** A refusal that retrying cannot change (a forbidden address, a scheme, a size): no retry. */
export class ArchiveRefused extends Error {}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches a page for the archive: http(s) only, every hop's resolved address checked against the
 * SSRF policy (in the socket's own DNS lookup, so the address checked is the address connected
 * to), redirects followed up to a limit, one overall timeout, and a size limit on the body.
 */
export async function fetchForArchive(url: string, options: FetchOptions): Promise<Fetched> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  let current = new URL(url);
  for (let hop = 0; ; hop++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') throw new ArchiveRefused(`${current.protocol} is not http(s)`);
    const host = current.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !options.allowPrivate && isForbiddenAddress(host)) throw new ArchiveRefused(`${host} is a private, loopback or link-local address`);
    const response = await request(current, options, deadline);
    if (REDIRECTS.has(response.status) && response.location) {
      if (hop >= options.maxRedirects) throw new ArchiveRefused(`more than ${options.maxRedirects} redirects`);
      current = new URL(response.location, current);
      continue;
    }
    return { finalUrl: current.toString(), status: response.status, contentType: response.contentType, body: response.body };
  }
}

function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, opts: object, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, opts as never, (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => {
      if (err) return callback(err, address, family);
      const addresses = Array.isArray(address) ? address.map((a) => a.address) : [address];
      const bad = addresses.find((a) => isForbiddenAddress(a));
      if (!allowPrivate && bad) return callback(new ArchiveRefused(`${hostname} resolves to ${bad}, a private, loopback or link-local address`), address, family);
      callback(null, address, family);
    });
  };
}

function request(url: URL, options: FetchOptions, signal: AbortSignal): Promise<{ status: number; location: string | null; contentType: string | null; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.get(
      url,
      { lookup: guardedLookup(options.allowPrivate) as never, signal, headers: { 'user-agent': 'Claimtrail-archiver/1 (fact-checking evidence archive)', accept: '*/*' } },
      (res) => {
        const status = res.statusCode ?? 0;
        if (REDIRECTS.has(status)) {
          res.resume();
          resolve({ status, location: res.headers.location ?? null, contentType: null, body: Buffer.alloc(0) });
          return;
        }
        const declared = Number(res.headers['content-length'] ?? 0);
        if (declared > options.maxBytes) {
          req.destroy();
          reject(new ArchiveRefused(`the body is ${declared} bytes, over the ${options.maxBytes}-byte limit`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            req.destroy();
            reject(new ArchiveRefused(`the body is over the ${options.maxBytes}-byte limit`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => resolve({ status, location: null, contentType: res.headers['content-type'] ?? null, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', (error) => reject(signal.aborted ? new Error(`no answer within ${options.timeoutMs} ms`) : error));
  });
}
