import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AuthService } from '../auth/auth.service';
import { signedInCheck } from '../auth/signed-in';
import { formBodies } from '../common/body-limits';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_ROOT } from '../code-root';

const PUBLIC_DIR = join(CODE_ROOT, 'web', 'public');
const CLIENT_SOURCE = join(CODE_ROOT, 'web', 'client', 'app.ts');

/**
 * Security headers for the web pages only: a strict Content-Security-Policy (scripts and styles
 * from this origin only, so no inline script or handler can run), no framing, no referrer leaks.
 * /api and /health are left exactly as they were (the Swagger UI at /api/docs needs inline code).
 */
const webHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  // same-origin, not no-referrer: with no-referrer a browser posts forms with `Origin: null`.
  referrerPolicy: { policy: 'same-origin' },
  strictTransportSecurity: false,
  crossOriginEmbedderPolicy: false,
});

function isApi(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path === '/health';
}

/**
 * The browser script. `npm run build` compiles src/web/client with tsc into the served folder;
 * when the app runs from its TypeScript sources (the tests), the same file is transpiled once in
 * memory with the TypeScript compiler, so there is never a stale copy to forget.
 */
let transpiled: string | null = null;
function clientScript(_request: Request, response: Response): void {
  if (transpiled === null) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require('typescript') as typeof import('typescript');
    const source = readFileSync(CLIENT_SOURCE, 'utf8');
    transpiled = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.None } }).outputText;
  }
  response.type('application/javascript').send(transpiled);
}

export function configureWeb(app: NestExpressApplication): void {
  // Web forms post url-encoded bodies; flat field names only (no nested-object parsing).
  app.use(formBodies(signedInCheck(app.get(AuthService)))); // sizes per route: src/common/body-limits.ts
  app.use((request: Request, response: Response, next: NextFunction) => (isApi(request.path) ? next() : webHeaders(request, response, next)));
  app.useStaticAssets(PUBLIC_DIR, { prefix: '/assets/', maxAge: '1h', index: false });
  if (!existsSync(join(PUBLIC_DIR, 'app.js')) && existsSync(CLIENT_SOURCE)) app.use('/assets/app.js', clientScript);
}
