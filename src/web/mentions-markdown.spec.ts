import { renderDiscussion } from './mentions-markdown';

describe(renderDiscussion.name, () => {
  it('renders a mention as a link to the person, and keeps the rest as Markdown', () => {
    expect(renderDiscussion('Ask **@ana**, not maria@example.org.')).toBe(
      '<p>Ask <strong><a href="/people/ana" class="mention">@ana</a></strong>, not maria@example.org.</p>\n',
    );
  });

  it('leaves mentions inside code and links alone, and still escapes raw HTML', () => {
    expect(renderDiscussion('`@ana` [@bo](https://example.org) <script>@cy</script>')).toBe(
      '<p><code>@ana</code> <a href="https://example.org">@bo</a> &lt;script&gt;<a href="/people/cy" class="mention">@cy</a>&lt;/script&gt;</p>\n',
    );
  });

  it('does not let a typed link reach any other site path than a person', () => {
    expect(renderDiscussion('[x](/people/ana) [y](/logout) [z](javascript:alert(1))')).toBe('<p><a href="/people/ana">x</a> [y](/logout) [z](javascript:alert(1))</p>\n');
  });
});
