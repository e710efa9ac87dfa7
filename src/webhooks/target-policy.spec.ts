import { forbiddenAmong, parseAllowHosts, shapeProblem, targetProblem, type Resolver } from './target-policy';

/** DNS is the boundary: these resolvers answer as a name server would. */
const resolver = (table: Record<string, string[]>): Resolver => (host) => (table[host] ? Promise.resolve(table[host]) : Promise.reject(new Error('ENOTFOUND')));
const strict = { allowPrivate: false, allowHosts: [] };

describe('webhook target policy', () => {
  it('refuses non-http schemes, credentials and relative URLs', () => {
    expect(shapeProblem('ftp://example.org/hook')).toBe('must be http or https');
    expect(shapeProblem('https://user:pw@example.org/hook')).toMatch(/credentials/);
    expect(shapeProblem('/hook')).toBe('is not an absolute URL');
    expect(shapeProblem('https://example.org/hook')).toBeNull();
  });

  it('refuses loopback, private, link-local and reserved literal addresses, IPv4 and IPv6', async () => {
    for (const url of ['http://127.0.0.1/', 'http://10.1.2.3/', 'http://192.168.0.1/', 'http://169.254.169.254/latest', 'http://[::1]/', 'http://[fe80::1]/', 'http://[::ffff:127.0.0.1]/', 'http://0.0.0.0/', 'http://100.64.0.1/']) {
      expect(await targetProblem(url, strict, resolver({}))).toMatch(/private, loopback, link-local or reserved/);
    }
    expect(await targetProblem('http://93.184.216.34/', strict, resolver({}))).toBeNull();
  });

  it('checks every address a name resolves to: one private address among public ones is refused', async () => {
    const dns = resolver({ 'mixed.example': ['93.184.216.34', '10.0.0.5'], 'public.example': ['93.184.216.34', '2606:2800:220:1::1'] });
    expect(await targetProblem('https://mixed.example/hook', strict, dns)).toBe('resolves to 10.0.0.5, a private, loopback, link-local or reserved address');
    expect(await targetProblem('https://public.example/hook', strict, dns)).toBeNull();
    expect(await targetProblem('https://nowhere.example/hook', strict, dns)).toBe('its host nowhere.example does not resolve');
  });

  it('lets configuration allow named hosts, or every private address', async () => {
    const dns = resolver({ 'hooks.internal': ['10.0.0.7'] });
    expect(await targetProblem('http://127.0.0.1:4000/hook', { allowPrivate: false, allowHosts: parseAllowHosts(' 127.0.0.1 , Hooks.Internal') }, dns)).toBeNull();
    expect(await targetProblem('http://hooks.internal/hook', { allowPrivate: false, allowHosts: ['hooks.internal'] }, dns)).toBeNull();
    expect(await targetProblem('http://10.0.0.7/hook', { allowPrivate: false, allowHosts: ['hooks.internal'] }, dns)).toMatch(/10\.0\.0\.7/);
    expect(await targetProblem('http://10.0.0.7/hook', { allowPrivate: true, allowHosts: [] }, dns)).toBeNull();
  });

  it('finds the first forbidden address in a list', () => {
    expect(forbiddenAmong(['8.8.8.8', '172.16.3.4'])).toBe('172.16.3.4');
    expect(forbiddenAmong(['8.8.8.8'])).toBeNull();
  });
});
