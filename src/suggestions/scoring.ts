/**
 * Check-worthiness: how much a claim is worth checking, with the reasons (numbers, dates, named
 * entities, attribution cues), and its kind, opinions marked as such. ClaimBuster-style features,
 * hand-weighted so the score is explainable and deterministic.
 */
import type { SuggestedKind } from './engine';

const MONTHS =
  'janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december';
const DAYS = 'lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday|hier|yesterday';
const DATE = new RegExp(`(?<![\\p{L}])(?:(?:${MONTHS})|(?:${DAYS})|(?:1[89]|20)\\d\\d)(?![\\p{L}])`, 'iu');
const NUMBER_WORDS =
  'un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quinze|vingt|trente|quarante|cinquante|cent|cents|mille|million|millions|milliard|milliards|dozens|dozen|hundreds|thousands|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|billion|half|moitié|quart|percent|pour cent|per cent';
const NUMBER = new RegExp(`\\d|%|(?<![\\p{L}])(?:${NUMBER_WORDS.replace(/^un\|une\|/, '')})(?![\\p{L}])`, 'iu');
const QUANTITY_CUE = /\d|(?<![\p{L}])(?:at least|au moins|more than|plus de|nearly|près de|almost|presque|about|environ|some|quelque|killed|tués|tuées|morts|blessés|wounded|dead|injured|percent|pour cent|%|km|kilomètres|kilometres|miles|tonnes|tons|dollars|euros|million|millions|milliard|billion)(?![\p{L}])/iu;
const OPINION =
  /(?<![\p{L}])(?:je pense|je crois|nous pensons|i think|i believe|we believe|in my view|à mon avis|selon moi|il faut|il faudrait|should|ought to|must|doit|devrait|devraient|shameful|disgraceful|scandaleux|scandaleuse|honteux|honteuse|inacceptable|unacceptable|outrageous|absurde|absurd|ridiculous|ridicule|magnificent|terrible|horrible|best|worst|meilleur|pire|triomphe|triumph|heroic|héroïque|glorious|glorieux|brilliant|tragique|tragic|regrettable|malheureusement|unfortunately|hopefully|espérons|remarkable|remarquable|admirable)(?![\p{L}])/iu;
const HEDGE = /(?<![\p{L}])(?:perhaps|maybe|peut-être|possibly|might|pourrait|semble|seems|apparently|apparemment)(?![\p{L}])/iu;
const PLACE_CUE = /(?<![\p{L}])(?:à|au|aux|en|in|near|près de|north of|south of|east of|west of|au nord|au sud|à l'est|à l'ouest|km|kilomètres|kilometres|miles)\s+(?:de\s+|of\s+)?\p{Lu}/u;

export interface ScoreContext {
  attributed: boolean;
  direct: boolean;
  cue: string | null;
}

export interface Score {
  score: number;
  reasons: string[];
  kind: SuggestedKind;
}

/** Named entities: capitalised words not at the start of the claim (and not after a full stop or a quotation mark). */
export function namedEntities(quote: string): string[] {
  const names: string[] = [];
  const re = /(?<=[\s(«“"'’-])(\p{Lu}[\p{L}\p{N}'’-]*(?:\s+(?:\p{Lu}[\p{L}\p{N}'’-]*|de|du|des|of|for|al))*)/gu;
  for (let m = re.exec(quote); m; m = re.exec(quote)) {
    const before = quote.slice(0, m.index).trimEnd();
    if (/[.!?«“"]$/.test(before) || m.index <= 1) continue;
    names.push(m[1].replace(/\s+(?:de|du|des|of|for|al)$/u, ''));
  }
  return [...new Set(names)];
}

export function scoreClaim(quote: string, context: ScoreContext): Score {
  let score = 0.3;
  const reasons: string[] = [];
  const numbers = NUMBER.test(quote);
  if (numbers) {
    score += 0.2;
    reasons.push(`number (${(/\d[\d\s.,]*\d|\d|%/.exec(quote)?.[0] ?? 'in words').trim()})`);
  }
  const date = DATE.exec(quote);
  if (date) {
    score += 0.1;
    reasons.push(`date (${date[0]})`);
  }
  const names = namedEntities(quote);
  if (names.length) {
    score += Math.min(0.2, 0.08 * names.length);
    reasons.push(`named entities (${names.slice(0, 3).join(', ')})`);
  }
  if (context.attributed && context.cue) {
    score += 0.15;
    reasons.push(`attribution cue ("${context.cue.trim()}")`);
  }
  if (context.direct) {
    score += 0.05;
    reasons.push('direct quotation');
  }
  const opinion = OPINION.exec(quote);
  if (opinion) {
    score -= 0.05;
    reasons.push(`opinion marker ("${opinion[0]}")`);
  }
  if (HEDGE.test(quote)) score -= 0.05;
  const words = quote.split(/\s+/).length;
  if (words < 5) score -= 0.1;
  if (!reasons.length) reasons.push('declarative statement');
  let kind: SuggestedKind = 'event';
  if (opinion && !numbers) kind = 'opinion';
  else if (context.direct) kind = 'quote';
  else if (QUANTITY_CUE.test(quote) && numbers) kind = 'quantity';
  else if (date && PLACE_CUE.test(quote) && words < 14) kind = 'date_place';
  return { score: Math.round(Math.max(0, Math.min(1, score)) * 100) / 100, reasons, kind };
}
