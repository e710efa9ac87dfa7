import { mentionPrefixAt, mentionsIn, splitMentions } from './mentions';

describe(mentionsIn.name, () => {
  it('finds each mentioned username once, in order', () => {
    expect(mentionsIn('@maria can you check this? cc @jean.paul and @maria again')).toEqual(['maria', 'jean.paul']);
  });

  it('ignores e-mail addresses and names glued to words', () => {
    expect(mentionsIn('write to maria@example.org or a@b')).toEqual([]);
  });

  it('leaves the full stop ending a sentence out of the name', () => {
    expect(mentionsIn('Thanks @reviewer1.')).toEqual(['reviewer1']);
  });

  it('recognises a mention after punctuation and at the start of a line', () => {
    expect(mentionsIn('(@ana)\n@bo: yes')).toEqual(['ana', 'bo']);
  });
});

describe(splitMentions.name, () => {
  it('splits text around the mentions and keeps every other character', () => {
    const parts = splitMentions('Hi @ana, see @bo.');
    expect(parts).toEqual([{ text: 'Hi ' }, { mention: 'ana' }, { text: ', see ' }, { mention: 'bo' }, { text: '.' }]);
  });
});

describe(mentionPrefixAt.name, () => {
  it('gives the partial name being typed before the caret', () => {
    expect(mentionPrefixAt('ask @ma', 7)).toBe('ma');
    expect(mentionPrefixAt('ask @', 5)).toBe('');
  });

  it('gives null when the caret is not in a mention', () => {
    expect(mentionPrefixAt('ask maria', 9)).toBeNull();
    expect(mentionPrefixAt('mail a@b', 8)).toBeNull();
  });
});
