import MarkdownIt from 'markdown-it';
import { splitMentions } from '../notifications/mentions';

/**
 * Comments and rationales on the desk's pages: the same safe Markdown as the reports (raw HTML
 * and images off, http(s) links only), plus `@username` rendered as a link to that person. Only
 * text outside links and code is looked at.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false }).disable('image');
markdown.validateLink = (url: string) => /^(https?:\/\/|\/people\/)/i.test(url.trim());

markdown.core.ruler.push('mentions', (state) => {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const out: typeof block.children = [];
    let inLink = 0;
    for (const token of block.children) {
      if (token.type === 'link_open') inLink++;
      if (token.type === 'link_close') inLink--;
      if (token.type !== 'text' || inLink > 0 || !token.content.includes('@')) {
        out.push(token);
        continue;
      }
      for (const part of splitMentions(token.content)) {
        if ('text' in part) {
          const text = new state.Token('text', '', 0);
          text.content = part.text;
          out.push(text);
          continue;
        }
        const open = new state.Token('link_open', 'a', 1);
        open.attrs = [
          ['href', `/people/${encodeURIComponent(part.mention)}`],
          ['class', 'mention'],
        ];
        const text = new state.Token('text', '', 0);
        text.content = `@${part.mention}`;
        out.push(open, text, new state.Token('link_close', 'a', -1));
      }
    }
    block.children = out;
  }
});

export function renderDiscussion(source: string): string {
  return markdown.render(source);
}
