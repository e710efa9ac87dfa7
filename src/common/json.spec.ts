import { parse } from 'node-html-parser';
import { embeddableJson } from './json';

describe(embeddableJson.name, () => {
  it('escapes <, >, &, U+2028 and U+2029 so that the JSON reads back unchanged', () => {
    const value = { text: 'a</script><b>&c\u2028d\u2029e', n: [1, null] };
    const json = embeddableJson(value, 2);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain('\\u003c/script\\u003e');
    expect(json).toContain('\\u0026c\\u2028d\\u2029e');
    expect(JSON.parse(json)).toEqual(value);
  });

  it('survives an HTML parser when embedded in a script element, even with hostile text', () => {
    const value = { claimReviewed: '</script><script>alert(1)</script><!-- \u2028 -->' };
    const page = `<!DOCTYPE html><html><head><script type="application/ld+json">${embeddableJson(value)}</script></head><body><p>after</p></body></html>`;
    const root = parse(page, { blockTextElements: { script: true } });
    const scripts = root.querySelectorAll('script');
    expect(scripts).toHaveLength(1);
    expect(JSON.parse(scripts[0].rawText)).toEqual(value);
    expect(root.querySelector('body')!.text).toBe('after');
  });
});
