import { MessageKey, translator } from '../../i18n/i18n';
import { Fragment, h } from '../jsx';
import type { Viewer } from '../web.types';
import { Layout } from './layout';

const SHORTCUTS: [MessageKey | string, MessageKey][] = [
  ['j', 'help.key.j'],
  ['k', 'help.key.k'],
  ['help.keys.enter', 'help.key.enter'],
  ['l', 'help.key.l'],
  ['help.keys.ctrlEnter', 'help.key.ctrlEnter'],
  ['/', 'help.key.slash'],
  ['?', 'help.key.question'],
];

/** Keyboard use of the app: the shortcuts and how to move between the text and its claims. */
export function HelpPage({ viewer }: { viewer: Viewer }): string {
  const tr = translator(viewer.lang);
  const keysOf = (keys: string) => (keys.startsWith('help.') ? tr(keys as MessageKey) : keys);
  return Layout({
    title: tr('layout.nav.help'),
    viewer,
    section: 'help',
    children: (
      <section class="narrow">
        <h1>{tr('help.title')}</h1>
        <p>{tr('help.intro')}</p>
        <table class="list shortcuts">
          <caption>{tr('help.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{tr('help.col.keys')}</th>
              <th scope="col">{tr('help.col.what')}</th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUTS.map(([keys, what]) => (
              <tr>
                <td data-label={tr('help.col.keys')}>
                  <kbd>{keysOf(keys)}</kbd>
                </td>
                <td data-label={tr('help.col.what')}>{tr(what)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{tr('help.moving')}</h2>
        <Fragment>
          <ul>
            <li>{tr('help.moving.skip')}</li>
            <li>{tr('help.moving.tab')}</li>
            <li>{tr('help.moving.show')}</li>
            <li>{tr('help.moving.typed')}</li>
          </ul>
        </Fragment>
      </section>
    ),
  });
}
