import { Fragment, h } from '../jsx';
import type { Viewer } from '../web.types';
import { Layout } from './layout';

const SHORTCUTS: [string, string][] = [
  ['j', 'Next claim in the list (article page)'],
  ['k', 'Previous claim in the list'],
  ['Enter on a highlight', 'Go to its claim in the list'],
  ['l', 'Log a claim from the words selected in the text'],
  ['Ctrl + Enter (⌘ + Enter)', 'Send the form you are typing in (log the claim, propose the verdict, comment…)'],
  ['/', 'Search (claims page)'],
  ['?', 'This page'],
];

/** Keyboard use of the app: the shortcuts and how to move between the text and its claims. */
export function HelpPage({ viewer }: { viewer: Viewer }): string {
  return Layout({
    title: 'Help',
    viewer,
    section: 'help',
    children: (
      <section class="narrow">
        <h1>Help: the keyboard</h1>
        <p>Every page works with the keyboard alone. Shortcuts work when you are not typing in a field (except Ctrl + Enter).</p>
        <table class="list shortcuts">
          <caption>Keyboard shortcuts</caption>
          <thead>
            <tr>
              <th scope="col">Keys</th>
              <th scope="col">What it does</th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUTS.map(([keys, what]) => (
              <tr>
                <td data-label="Keys">
                  <kbd>{keys}</kbd>
                </td>
                <td data-label="What it does">{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>Moving between the text and its claims</h2>
        <Fragment>
          <ul>
            <li>On an article, “Skip to the claims” (the first link after the heading) jumps past the text to the list of claims.</li>
            <li>Tab reaches each highlight where a claim starts; Enter on it goes to that claim in the list.</li>
            <li>Each claim in the list has “Show in text”, which moves to its words in the text.</li>
            <li>Without a mouse, “log a claim by typing its quote” opens the claim form; if the words occur several times you choose which.</li>
          </ul>
        </Fragment>
      </section>
    ),
  });
}
