import { isIP } from 'node:net';
import { isForbiddenAddress } from '../archive/address-policy';

/**
 * Where webhooks may be delivered (SSRF): http(s) URLs without credentials whose host resolves
 * only to public addresses. Loopback, private, link-local, carrier-grade NAT, multicast and
 * reserved ranges are refused (the archiver's list, IPv4 and IPv6), unless the host is named in
 * WEBHOOK_ALLOW_HOSTS or WEBHOOK_ALLOW_PRIVATE is on. Checked at registration and again on the
 * address each delivery connects to (DNS can change in between).
 */
export interface TargetSettings {
  allowPrivate: boolean;
  /** Host names or IP addresses, lower-case. */
  allowHosts: string[];
}

export type Resolver = (hostname: string) => Promise<string[]>;

export function parseAllowHosts(value: string): string[] {
  return value
    .split(',')
    .map((h) => h.trim().toLowerCase().replace(/^\[|\]$/g, ''))
    .filter(Boolean);
}

/** The URL's host as compared and resolved: lower-case, IPv6 brackets removed. */
export function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
}

/** Why the URL's shape is refused (scheme, credentials, length), or null. */
export function shapeProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not an absolute URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be http or https';
  if (url.username || url.password) return 'must not carry credentials (use the secret to authenticate deliveries)';
  if (raw.length > 2048) return 'is longer than 2048 characters';
  return null;
}

/** Whether the policy skips the address check for this host. */
export function hostAllowed(host: string, settings: TargetSettings): boolean {
  return settings.allowPrivate || settings.allowHosts.includes(host);
}

/** The first forbidden address among those a host resolves to, or null when every one is public. */
export function forbiddenAmong(addresses: string[]): string | null {
  return addresses.find((a) => isForbiddenAddress(a)) ?? null;
}

/** Why this URL may not be a webhook target, or null: its shape, then every address its host resolves to. */
export async function targetProblem(raw: string, settings: TargetSettings, resolve: Resolver): Promise<string | null> {
  const shape = shapeProblem(raw);
  if (shape) return shape;
  const host = hostOf(new URL(raw));
  if (hostAllowed(host, settings)) return null;
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      return `its host ${host} does not resolve`;
    }
    if (!addresses.length) return `its host ${host} does not resolve`;
  }
  const bad = forbiddenAmong(addresses);
  return bad ? `resolves to ${bad}, a private, loopback, link-local or reserved address` : null;
}
