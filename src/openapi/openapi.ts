import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Env } from '../config/env';
import { finishDocument } from './document';
import { ErrorDto, FieldErrorDto } from './error.dto';
import { webhookSchemaComponents } from '../webhooks/webhook-schema';

/** The OpenAPI document, generated from the controllers and DTOs, served at /api/docs(-json). */
export function setupOpenApi(app: NestExpressApplication): void {
  const env = app.get(Env);
  const config = new DocumentBuilder()
    .setTitle('Claimtrail')
    .setDescription(
      'Fact-checking claim tracker: claims anchored to the exact words of an article, attribution chains, evidence and verdicts. ' +
        'Sign in with POST /api/auth/login and send the token as Authorization: Bearer <token>.',
    )
    .setVersion('1')
    // Absolute behind a reverse proxy (PUBLIC_URL), otherwise relative to wherever the document was read from.
    .addServer(env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : '/')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      // Random strings looked up (as SHA-256) in the database, not JWTs: revocable, and they carry nothing.
      bearerFormat: 'opaque',
      description: 'The token from POST /api/auth/login.',
    })
    .build();
  SwaggerModule.setup('api/docs', app, () => finishDocument(withWebhookSchemas(SwaggerModule.createDocument(app, config, { extraModels: [ErrorDto, FieldErrorDto] }))), {
    jsonDocumentUrl: 'api/docs-json',
  });
}

/** The webhook payloads' JSON Schema (src/webhooks/webhook-event.schema.json) as components: deliveries are not operations. */
function withWebhookSchemas(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...webhookSchemaComponents() } };
  return document;
}
