import { CreateArticleDto } from '../../src/articles/dto/article.dto';
import { CreateClaimDto } from '../../src/claims/dto/claim.dto';
import { CreateSourceDto } from '../../src/sources/dto/source.dto';

/** Valid inputs with sensible defaults; override what the test is about. */
export const articleInput = (overrides: Partial<CreateArticleDto> = {}): CreateArticleDto => ({
  title: 'Les sapeurs à Palmyre',
  language: 'fr',
  publishedDate: '2016-04-02',
  url: 'https://example.org/palmyre',
  body: "Les sapeurs syriens ont neutralisé 1230 mines, a indiqué samedi le Centre. Les sapeurs russes sont en route, selon Sputnik. La ville est reliée par une route à Palmyre.",
  ...overrides,
});

let sourceCounter = 0;
export const sourceInput = (overrides: Partial<CreateSourceDto> = {}): CreateSourceDto => ({
  name: `Source ${++sourceCounter}`,
  kind: 'organisation',
  ...overrides,
});

export const claimInput = (overrides: Partial<CreateClaimDto> = {}): CreateClaimDto => ({
  text: 'Syrian sappers neutralised 1,230 mines.',
  quote: 'Les sapeurs syriens ont neutralisé 1230 mines',
  kind: 'quantity',
  unattributed: true,
  ...overrides,
});
