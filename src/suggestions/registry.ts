/**
 * Matching a source named in an article against the registry (names and aliases, accents and
 * case ignored), and guessing the kind of a source the registry does not know.
 */
import { fold } from '../common/text';

export type GuessedKind = 'outlet' | 'news_agency' | 'government_body' | 'military_unit' | 'organisation' | 'person' | 'document';

export interface RegistryEntry {
  id: number;
  name: string;
  kind: string;
  aliases: string[];
}

/** Lower case, no accents, punctuation as spaces, leading determiners dropped. */
export function normaliseName(value: string): string {
  return fold(value)
    .replace(/[’']/g, "' ")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:(?:the|le|la|les|l'|un|une|a|an|des|du|de|d')\s*)+/, '')
    .replace(/'\s/g, "'")
    .trim();
}

export class Registry {
  private readonly names: { key: string; entry: RegistryEntry }[] = [];
  /** Acronyms ("WHO", "AFP") match only in capitals: "who voted" is not the World Health Organization. */
  private readonly acronyms: { re: RegExp; entry: RegistryEntry }[] = [];

  constructor(entries: RegistryEntry[]) {
    for (const entry of entries) {
      for (const name of [entry.name, ...entry.aliases]) {
        if (/^[\p{Lu}\p{N}&.-]{2,6}$/u.test(name)) {
          this.acronyms.push({ re: new RegExp(`(?<![\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u'), entry });
          continue;
        }
        const key = normaliseName(name);
        if (key.length >= 2) this.names.push({ key, entry });
      }
    }
    // Longest names first: "Centre international de déminage des Forces armées russes" before "Forces armées russes".
    this.names.sort((a, b) => b.key.length - a.key.length);
  }

  /**
   * The registry source a phrase names: the same name or alias, or else the longest name or alias
   * the phrase contains as whole words ("la chaîne INN Lebanon" → INN Lebanon).
   */
  match(phrase: string): RegistryEntry | null {
    const key = normaliseName(phrase);
    if (!key) return null;
    const exact = this.names.find((n) => n.key === key);
    if (exact) return exact.entry;
    const padded = ` ${key} `;
    let best: RegistryEntry | null = null;
    for (const n of this.names) {
      if (n.key.length < 3) continue;
      if (padded.includes(` ${n.key} `)) {
        best = n.entry;
        break;
      }
    }
    if (best) return best;
    const acronym = this.acronyms.find((a) => a.re.test(phrase));
    return acronym ? acronym.entry : null;
  }

}

const KIND_CUES: [GuessedKind, RegExp][] = [
  ['news_agency', /\b(agency|agence|news agency|agence de presse|reuters|afp|associated press|ap|sana|tass|ria novosti|interfax|sputnik|xinhua|anadolu|irna|efe|ansa|dpa|kyodo|yonhap|wafa|mena|qna|bernama)\b/],
  ['outlet', /\b(television|televisions|tv|tele|chaine|channel|broadcaster|radio|newspaper|journal|quotidien|hebdomadaire|daily|weekly|magazine|site d'information|news site|website|site|bbc|cnn|al jazeera|al arabiya|france 24|le monde|le figaro|liberation|new york times|washington post|guardian|times)\b/],
  ['government_body', /\b(ministry|ministere|minister|ministre|government|gouvernement|presidency|presidence|kremlin|white house|maison blanche|elysee|department|departement|office|bureau|parliament|parlement|senate|senat|council|conseil|prefecture|police|mairie|city hall|embassy|ambassade|authorities|autorites|administration|commission|agency of)\b/],
  ['military_unit', /\b(army|armee|armed forces|forces armees|forces|military|militaire|troops|troupes|command|commandement|etat major|general staff|brigade|division|battalion|bataillon|regiment|navy|marine|air force|armee de l'air|coalition|defence|defense|centre|center)\b/],
  ['organisation', /\b(observatory|observatoire|ngo|ong|group|groupe|organisation|organization|association|foundation|fondation|committee|comite|red cross|croix rouge|united nations|nations unies|onu|un|unhcr|unicef|who|oms|amnesty|human rights|watch|union|federation|party|parti|institute|institut|university|universite|company|entreprise|society|societe|bank|banque)\b/],
  ['document', /\b(report|rapport|statement|communique|study|etude|document|survey|enquete|poll|sondage|estimates|estimations|figures|chiffres|data|donnees)\b/],
];

/** A kind for a source the registry does not know, from the words that name it. */
export function guessKind(phrase: string, looksLikePerson: boolean): GuessedKind {
  const key = ` ${normaliseName(phrase).replace(/-/g, ' ')} `;
  for (const [kind, cue] of KIND_CUES) if (cue.test(key)) return kind;
  if (looksLikePerson) return 'person';
  return 'organisation';
}
