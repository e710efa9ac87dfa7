import { Injectable, Logger, NotFoundException, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { DataSource, In, IsNull, LessThanOrEqual } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { EvidenceLink } from '../claims/claim.entity';
import { Env } from '../config/env';
import { Transactions } from '../database/transactions';
import { backoffMs } from './address-policy';
import { EvidenceArchive } from './evidence-archive.entity';
import { ArchiveRefused, fetchForArchive } from './fetcher';
import { readableText } from './readable';

/** How many captures one pass runs (one after another: the archiver is background work). */
const BATCH = 10;

/**
 * Archives evidence links in the background. Every pass (every ARCHIVE_POLL_MS) queues the links
 * that have no archive row yet, then captures the due ones: fetch (SSRF-checked, timeout, size
 * limit, redirects), SHA-256, Brotli-compressed body, readable text. A failure is retried with
 * exponential backoff; a refusal (forbidden address, too large) is final. Each outcome is written
 * with its audit event in one transaction. The network work happens outside any transaction.
 */
@Injectable()
export class ArchiveService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Archive');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly env: Env,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.env.ARCHIVE_ENABLED) return;
    this.timer = setInterval(() => void this.runDue().catch((e: unknown) => this.logger.error(String(e))), this.env.ARCHIVE_POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /**
   * One pass: queue new links, capture what is due. Passes never overlap. `linkIds` limits the
   * pass to those links (capture one link now, e.g. in a spec that must not fetch the others).
   */
  runDue(now = new Date(), linkIds?: number[]): Promise<void> {
    this.running ??= this.pass(now, linkIds).finally(() => (this.running = null));
    return this.running;
  }

  private async pass(now: Date, linkIds?: number[]): Promise<void> {
    await this.enqueueNew(now, linkIds);
    const only = linkIds ? { evidenceLinkId: In(linkIds) } : {};
    const due = await this.dataSource.getRepository(EvidenceArchive).find({
      where: [
        { status: 'pending', nextAttemptAt: IsNull(), ...only },
        { status: 'pending', nextAttemptAt: LessThanOrEqual(now), ...only },
      ],
      order: { id: 'ASC' },
      take: BATCH,
    });
    for (const archive of due) await this.capture(archive);
  }

  private async enqueueNew(now: Date, linkIds?: number[]): Promise<void> {
    if (linkIds && linkIds.length === 0) return;
    const qb = this.dataSource
      .getRepository(EvidenceLink)
      .createQueryBuilder('e')
      .leftJoin(EvidenceArchive, 'a', 'a.evidence_link_id = e.id')
      .where('a.id IS NULL');
    if (linkIds) qb.andWhere('e.id IN (:...linkIds)', { linkIds });
    const fresh = await qb
      .select('e.id', 'id')
      .orderBy('e.id')
      .limit(100)
      .getRawMany<{ id: number }>();
    if (!fresh.length) return;
    await this.tx.run(async (manager) => {
      for (const { id } of fresh) {
        await manager.insert(EvidenceArchive, { evidenceLinkId: Number(id), status: 'pending', attempts: 0, nextAttemptAt: null, createdAt: now });
      }
    });
  }

  private async capture(archive: EvidenceArchive): Promise<void> {
    const link = await this.dataSource.getRepository(EvidenceLink).findOne({ where: { id: archive.evidenceLinkId } });
    if (!link) return;
    const attempts = archive.attempts + 1;
    let changes: Partial<EvidenceArchive>;
    try {
      const fetched = await fetchForArchive(link.url, {
        timeoutMs: this.env.ARCHIVE_TIMEOUT_MS,
        maxBytes: this.env.ARCHIVE_MAX_BYTES,
        maxRedirects: 5,
        allowPrivate: this.env.ARCHIVE_ALLOW_PRIVATE,
      });
      if (fetched.status >= 500 || fetched.status === 429) throw new Error(`the server answered ${fetched.status}`);
      const { title, text } = readableText(fetched.body, fetched.contentType);
      changes = {
        status: 'archived',
        attempts,
        nextAttemptAt: null,
        lastError: null,
        finalUrl: fetched.finalUrl.slice(0, 2048),
        httpStatus: fetched.status,
        contentType: fetched.contentType?.slice(0, 200) ?? null,
        retrievedAt: new Date(),
        sha256: createHash('sha256').update(fetched.body).digest('hex'),
        bodyBytes: fetched.body.length,
        bodyCompressed: brotliCompressSync(fetched.body).toString('base64'),
        title,
        readableText: text,
      };
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      const final = error instanceof ArchiveRefused || attempts >= this.env.ARCHIVE_MAX_ATTEMPTS;
      changes = {
        status: final ? 'failed' : 'pending',
        attempts,
        lastError: message,
        nextAttemptAt: final ? null : new Date(Date.now() + backoffMs(attempts)),
      };
    }
    await this.tx.run(async (manager) => {
      await manager.update(EvidenceArchive, { id: archive.id }, changes);
      const { bodyCompressed: _b, readableText: _t, ...summary } = changes;
      await this.audit.record(manager, null, {
        action: changes.status === 'archived' ? 'evidence.archive' : 'evidence.archive_failed',
        entityType: 'evidence_link',
        entityId: link.id,
        claimId: link.claimId,
        after: summary,
      });
    });
  }

  /** The archive of each of these links that has one. */
  async forLinks(linkIds: number[]): Promise<Map<number, EvidenceArchive>> {
    if (!linkIds.length) return new Map();
    const rows = await this.dataSource.getRepository(EvidenceArchive).find({ where: { evidenceLinkId: In(linkIds) } });
    return new Map(rows.map((r) => [r.evidenceLinkId, r]));
  }

  async forLink(linkId: number): Promise<EvidenceArchive> {
    const archive = (await this.forLinks([linkId])).get(linkId);
    if (!archive) throw new NotFoundException(`Evidence link ${linkId} has no archived copy (yet).`);
    return archive;
  }

  /** The captured body, decompressed. */
  async body(linkId: number): Promise<{ archive: EvidenceArchive; body: Buffer }> {
    const archive = await this.dataSource
      .getRepository(EvidenceArchive)
      .createQueryBuilder('a')
      .addSelect('a.bodyCompressed')
      .where('a.evidence_link_id = :linkId', { linkId })
      .getOne();
    if (!archive || archive.status !== 'archived' || archive.bodyCompressed === null) throw new NotFoundException(`Evidence link ${linkId} has no archived copy (yet).`);
    return { archive, body: brotliDecompressSync(Buffer.from(archive.bodyCompressed, 'base64')) };
  }
}
