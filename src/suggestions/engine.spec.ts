import { suggest, Suggestion } from './engine';
import { RegistryEntry } from './registry';
import { splitSentences } from './segment';

const chain = (s: Suggestion | undefined) => s?.attributions.map((a) => (a.anonymous ? `~${a.name}` : a.name)) ?? null;
/** The suggestion whose quote contains `words`. */
function find(text: string, words: string, registry: RegistryEntry[] = []): Suggestion | undefined {
  return suggest(text, registry).find((s) => s.quote.includes(words));
}

describe('splitSentences', () => {
  it('keeps exact UTF-16 offsets and does not split after abbreviations or inside a quotation', () => {
    const text = 'M. Haddad est arrivé 😀 à 9 h. «Ils sont partis. Tous.», a-t-il dit. Mr. Smith left the U.S. on Monday.';
    const spans = splitSentences(text).map((s) => text.slice(s.start, s.end));
    expect(spans).toEqual(['M. Haddad est arrivé 😀 à 9 h.', '«Ils sont partis. Tous.», a-t-il dit.', 'Mr. Smith left the U.S. on Monday.']);
  });
});

describe('suggest: attribution cues', () => {
  it.each([
    ["Les troupes ont quitté la ville, d'après la chaîne INN Lebanon.", 'Les troupes ont quitté la ville', ['INN Lebanon'], "d'après"],
    ['Selon le ministère de la Défense, 40 soldats ont été tués.', '40 soldats ont été tués', ['ministère de la Défense'], 'Selon'],
    ['Le convoi est arrivé samedi, a indiqué le Croissant-Rouge.', 'Le convoi est arrivé samedi', ['Croissant-Rouge'], 'a indiqué'],
    ['Les combats ont repris à Alep, a rapporté la chaîne Al Mayadeen.', 'Les combats ont repris à Alep', ['Al Mayadeen'], 'a rapporté'],
    ["L'armée poursuit le déminage près de Palmyre, écrit l'agence Sputnik.", "L'armée poursuit le déminage", ['Sputnik'], 'écrit'],
    ['Le pont a été détruit lundi, rapporte le quotidien Al-Watan.', 'Le pont a été détruit lundi', ['Al-Watan'], 'rapporte'],
    ['Engineering units were clearing mines, a military source told Reuters.', 'Engineering units were clearing mines', ['~a military source', 'Reuters'], 'told'],
    ['According to the United Nations, 5,000 people fled the town.', '5,000 people fled the town', ['United Nations'], 'According to'],
    ['The bridge was destroyed, the ministry said in a statement.', 'The bridge was destroyed', ['ministry'], 'said'],
    ['The Syrian army said on Sunday it had recaptured the town.', 'it had recaptured the town', ['Syrian army'], 'said'],
  ])('reads %j', (text, words, expected, verb) => {
    const s = find(text, words);
    expect(chain(s)).toEqual(expected);
    expect(s!.attributions[0].verb).toBe(verb);
    expect(s!.unattributed).toBe(false);
  });

  it('reads "a-t-il/elle ajouté/précisé" as the last named speaker, with a direct quotation', () => {
    const text = "Bassam Haddad a affirmé que l'eau manquait. «Les routes sont ouvertes», a-t-il ajouté. «Les écoles rouvriront lundi», a-t-elle précisé.";
    const quote = find(text, 'Les routes sont ouvertes')!;
    expect(chain(quote)).toEqual(['Bassam Haddad']);
    expect(quote.attributions[0]).toMatchObject({ verb: 'a ajouté', mode: 'direct' });
    expect(quote.kind).toBe('quote');
    expect(chain(find(text, 'Les écoles rouvriront'))).toEqual(['Bassam Haddad']);
  });

  it('reads "X said ..., adding that ..." as two claims of the same speaker', () => {
    const text = 'The ministry said 12 people had died, adding that the toll could rise.';
    expect(chain(find(text, '12 people had died'))).toEqual(['ministry']);
    const added = find(text, 'the toll could rise')!;
    expect(chain(added)).toEqual(['ministry']);
    expect(added.attributions[0].verb).toBe('adding');
  });

  it('reads "citing X" and "cited by Y" as chains, speaker first', () => {
    expect(chain(find('Reuters reported, citing a military source, that the base was hit.', 'the base was hit'))).toEqual(['~a military source', 'Reuters']);
    expect(chain(find("Bassam Haddad, cité par la télévision d'État, a affirmé que 300 familles étaient rentrées.", '300 familles'))).toEqual([
      'Bassam Haddad',
      "télévision d'État",
    ]);
    expect(chain(find('According to estimates by the UN refugee agency cited by Reuters, 5,000 people fled.', '5,000 people fled'))).toEqual([
      'UN refugee agency',
      'Reuters',
    ]);
    expect(chain(find('Two shipping sources told Reuters the tanker had left port.', 'the tanker had left port'))).toEqual(['~Two shipping sources', 'Reuters']);
  });

  it('reads quotations in « », “ ” and " " with the attribution that follows them', () => {
    for (const [open, close] of [['«', '»'], ['“', '”'], ['"', '"']]) {
      const text = `${open}We will rebuild the school,${close} the mayor said.`;
      const s = find(text, 'We will rebuild')!;
      expect(chain(s)).toEqual(['mayor']);
      expect(s.attributions[0].mode).toBe('direct');
    }
  });
});

describe('suggest: news conventions', () => {
  it('leaves a dateline out of the claim and reads "X, which cited Y" as Y → X', () => {
    const text = 'DHAKA (Reuters) - According to the ministry, which cited figures from local hospitals, 40 people have died.';
    const s = find(text, '40 people have died')!;
    expect(s.quote).toBe('40 people have died');
    expect(chain(s)).toEqual(['local hospitals', 'ministry']);
    expect(chain(find('KYIV, March 3 (Reuters) - Russian forces shelled Kharkiv overnight, the governor said.', 'Russian forces'))).toEqual(['governor']);
    expect(find('KYIV, March 3 (Reuters) - Russian forces shelled Kharkiv overnight, the governor said.', 'Russian forces')!.quote).toBe(
      'Russian forces shelled Kharkiv overnight',
    );
  });

  it('reads "Pour X," as X\'s view, but not "Pour la première fois,"', () => {
    const text = "Pour plusieurs économistes interrogés par l'AFP, une baisse pourrait intervenir en juin. Pour la première fois, le pays a exporté du gaz.";
    expect(chain(find(text, 'une baisse pourrait'))).toEqual(['~plusieurs économistes', 'AFP']);
    expect(find(text, 'le pays a exporté')!.unattributed).toBe(true);
  });

  it('offers no bylines, credits or "read also" links', () => {
    const text = 'By Jane Doe\n\nOil prices rose 2% on Monday. (Reporting by Ahmad Ghaddar; Editing by Susan Fenton)\nLire aussi : La BCE maintient ses taux.';
    expect(suggest(text).map((s) => s.quote)).toEqual(['Oil prices rose 2% on Monday']);
  });

  it('reads "D\'après nos informations" as the article\'s own voice, and "Interrogé par X" as a relay', () => {
    expect(find("D'après nos informations, le suspect était fiché S. Le maire est parti.", 'le suspect')!.unattributed).toBe(true);
    expect(chain(find("Interrogé par Le Parisien, le maire a confirmé que l'école fermerait.", "l'école fermerait"))).toEqual(['maire', 'Le Parisien']);
  });
});

describe('suggest: speakers', () => {
  it('resolves a short name and a pronoun to the speaker already named', () => {
    const text = "Le gouverneur Bassam Haddad a déclaré que 200 familles étaient rentrées. M. Haddad a précisé que l'eau manquait. Selon lui, les écoles rouvriront.";
    expect(chain(find(text, "l'eau manquait"))).toEqual(['Bassam Haddad']);
    expect(chain(find(text, 'les écoles rouvriront'))).toEqual(['Bassam Haddad']);
    const en = 'The health ministry said 40 people were killed. The ministry added that hospitals were full. He said nothing else mattered.';
    expect(chain(find(en, 'hospitals were full'))).toEqual(['health ministry']);
  });

  it('resolves "a-t-il" to a person just named as a subject, and puts "citant X" between the speaker and the one citing', () => {
    const text = "Le président turc Recep Tayyip Erdogan a menacé lundi de lancer une opération. « Nous ne reculerons pas », a-t-il martelé.";
    expect(chain(find(text, 'Nous ne reculerons pas'))).toEqual(['Recep Tayyip Erdogan']);
    const cnn = "Le département d'État a jugé qu'une offensive serait dangereuse, a rapporté CNN, citant un responsable.";
    expect(chain(find(cnn, 'une offensive serait dangereuse'))).toEqual(["département d'État", '~un responsable', 'CNN']);
  });

  it('marks anonymous sources as anonymous, with their description', () => {
    const fr = find("Une source proche du ministère a indiqué que le budget serait réduit.", 'le budget serait réduit')!;
    expect(fr.attributions[0]).toMatchObject({ anonymous: true, sourceId: null, description: 'Une source proche du ministère' });
    const en = find('A military source told Reuters that engineering units were clearing mines.', 'engineering units')!;
    expect(en.attributions[0]).toMatchObject({ anonymous: true, description: 'A military source' });
    expect(en.attributions[1]).toMatchObject({ anonymous: false, name: 'Reuters' });
  });

  it("leaves claims in the article's own voice unattributed, never attached to the nearest source", () => {
    const text = "Les sapeurs ont neutralisé 1230 mines, a indiqué le Centre. La ville a été envahie par Daech le 21 mai 2015. The storm hit the coast on Tuesday.";
    for (const words of ['La ville a été envahie', 'The storm hit the coast']) {
      const s = find(text, words)!;
      expect(s.unattributed).toBe(true);
      expect(s.attributions).toEqual([]);
    }
  });

  it('matches sources against the registry by name or alias, ignoring accents and case, and guesses the kind of new ones', () => {
    const registry: RegistryEntry[] = [
      { id: 7, name: 'UNHCR', kind: 'organisation', aliases: ['the United Nations refugee agency', 'HCR'] },
      { id: 8, name: 'Sergueï Roudskoï', kind: 'person', aliases: ['Sergei Rudskoy'] },
    ];
    const unhcr = find('About 5,000 people fled, the United Nations refugee agency said.', '5,000 people fled', registry)!;
    expect(unhcr.attributions[0]).toMatchObject({ sourceId: 7, name: 'UNHCR', newSourceKind: null });
    const roudskoi = find("D'après SERGUEI ROUDSKOI, les sapeurs disposent de détecteurs.", 'les sapeurs', registry)!;
    expect(roudskoi.attributions[0]).toMatchObject({ sourceId: 8, name: 'Sergueï Roudskoï' });
    const agency = find('The town was recaptured, according to state news agency SANA.', 'The town was recaptured', registry)!;
    expect(agency.attributions[0]).toMatchObject({ sourceId: null, name: 'SANA', newSourceKind: 'news_agency' });
    const person = find('Le commandant Dmitri Veretennik a indiqué que les sapeurs étaient en route.', 'les sapeurs', registry)!;
    expect(person.attributions[0]).toMatchObject({ name: 'Dmitri Veretennik', newSourceKind: 'person' });
  });
});

describe('suggest: check-worthiness', () => {
  it('scores numbers, dates and named entities above a plain statement and says why; opinions are marked', () => {
    const text = 'Les sapeurs ont neutralisé 1230 mines à Palmyre le 21 mai 2015. Les gens ont marché longtemps. Cette décision est scandaleuse et honteuse.';
    const [numbers, plain, opinion] = suggest(text);
    expect(numbers.score).toBeGreaterThan(plain.score);
    expect(numbers.reason).toMatch(/number \(1230\).*date.*named entities \(Palmyre/);
    expect(numbers.kind).toBe('quantity');
    expect(opinion.kind).toBe('opinion');
    expect(opinion.reason).toMatch(/opinion marker/);
  });

  it('anchors every suggestion to the exact words of the text', () => {
    const text = 'Le 27 mars 2016, l’armée a pris la citadelle, écrit Sputnik. «Les sapeurs ont neutralisé 1230 mines», a indiqué le Centre.';
    for (const s of suggest(text)) expect(text.slice(s.start, s.end)).toBe(s.quote);
  });
});
