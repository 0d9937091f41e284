import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import type { Runtime } from '../runtime.ts';
import { chooseEncoding, type Encoding, type SiteInfo, surrogateKey } from '../site/index.ts';
import type { EpaperEdition } from '../store/index.ts';
import { EDITION_PDF } from './build-edition.ts';
import { cropClip, formatClipRegion, parseClipRegion } from './clip.ts';
import { isEditionDate, longDate } from './day.ts';
import { pageImageName, parsePageImageName } from './page-images.ts';
import { clipPath, EPAPER_ROOT, pagePath } from './paths.ts';
import { epaperService } from './service.ts';
import { type Assets, ClipView, type EditionChoice, EditionView, EpaperHome, PageView } from './views.tsx';

/**
 * The e-paper on the site: `/epaper` (edition and date pickers, latest covers),
 * `/epaper/<edition>/<date>` (every page as an image), `/epaper/<edition>/<date>/<page>`
 * (the viewer), `/…/<page>/clip?r=x,y,w,h` (a clipping), `/…/pdf` (download) and
 * `/epaper/files/<version>/<image>` (page images, cached for ever: a replaced edition gets a
 * new version). It also keeps the digital editions following the publish bus.
 */

const ASSET_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');
const JS = 'text/javascript; charset=utf-8';
/** The viewer's static files: our own, and OpenSeadragon's minified build straight from node_modules (no CDN). */
const ASSETS = {
  'viewer.js': { file: path.join(ASSET_DIR, 'viewer.js'), type: JS },
  'viewer.css': { file: path.join(ASSET_DIR, 'viewer.css'), type: 'text/css; charset=utf-8' },
  'openseadragon.min.js': {
    file: createRequire(import.meta.url).resolve('openseadragon/build/openseadragon/openseadragon.min.js'),
    type: JS,
  },
} as const;
type AssetName = keyof typeof ASSETS;
const HTML_CACHE = 'public, max-age=60';
const FOREVER = 'public, max-age=31536000, immutable';
/** Clip images are cut from the large rendering and never wider than this. */
const CLIP_MAX_WIDTH = 1200;

interface EditionParams {
  edition: string;
  date: string;
}

interface PageParams extends EditionParams {
  page: string;
}

export async function epaperPlugin(app: FastifyInstance, options: { runtime: Runtime }): Promise<void> {
  const { runtime } = options;
  const { config } = runtime;
  const service = epaperService(runtime);
  const { editions } = service;
  const site: SiteInfo = { name: config.siteName, url: config.siteUrl, language: config.language, sections: config.sections };
  const absolute = (where: string): string => new URL(where, config.siteUrl).href;

  const assetFiles = Object.fromEntries(
    (Object.keys(ASSETS) as AssetName[]).map((name) => [name, compressible(readFileSync(ASSETS[name].file))]),
  ) as Record<AssetName, Compressible>;
  const versioned = (name: AssetName): string =>
    `${EPAPER_ROOT}/assets/${name}?v=${createHash('sha256').update(assetFiles[name].identity).digest('hex').slice(0, 10)}`;
  const assets: Assets = { css: versioned('viewer.css'), js: versioned('viewer.js'), openseadragon: versioned('openseadragon.min.js') };

  const stopFollowing = service.digital.follow(runtime.bus);
  app.addHook('onReady', async () => {
    service.digital.catchUp().catch((error: unknown) => service.log.error({ err: error }, 'digital edition catch-up failed'));
  });
  app.addHook('onClose', async () => {
    stopFollowing();
    await service.digital.stop();
  });

  const choices = async (): Promise<EditionChoice[]> =>
    Promise.all(config.epaper.editions.map(async (edition) => ({ ...edition, dates: await editions.dates(edition.slug) })));

  /**
   * The current edition, or null. A digital edition that still prints a story killed in
   * another process (the CLI) is recompiled first: a killed story is never shown.
   */
  const currentEdition = async (params: EditionParams): Promise<EpaperEdition | null> => {
    if (service.editionName(params.edition) === undefined || !isEditionDate(params.date)) return null;
    const found = await editions.find(params.edition, params.date);
    if (found?.kind === 'digital' && (await editions.printsUnpublished(found.id))) {
      await service.refreshDigital(params.edition, params.date);
      return (await editions.find(params.edition, params.date)) ?? null;
    }
    return found ?? null;
  };

  /**
   * Surrogate keys for everything served from an edition: a CDN purging a killed story's key
   * drops the digital pages, images and PDF that printed it.
   */
  const tagEdition = async (reply: FastifyReply, edition: EpaperEdition): Promise<void> => {
    const stories = edition.kind === 'digital' ? (await editions.storyIds(edition.id)).map(surrogateKey.story) : [];
    reply.header('surrogate-key', [`epaper-${edition.edition}-${edition.date}`, ...stories].join(' '));
  };

  const sendHtml = (reply: FastifyReply, view: VNode): FastifyReply =>
    reply
      .header('cache-control', HTML_CACHE)
      .type('text/html; charset=utf-8')
      .send(`<!doctype html>${render(view)}`);

  // Versioned by content hash in the query, so cached for ever.
  app.get<{ Params: { name: string } }>(`${EPAPER_ROOT}/assets/:name`, async (request, reply) => {
    const name = request.params.name as AssetName;
    if (!Object.hasOwn(ASSETS, name)) return notFound(reply);
    const encoding = chooseEncoding(request.headers['accept-encoding']);
    if (encoding !== 'identity') reply.header('content-encoding', encoding);
    return reply
      .header('cache-control', FOREVER)
      .header('vary', 'accept-encoding')
      .type(ASSETS[name].type)
      .send(assetFiles[name].body(encoding));
  });

  app.get<{ Querystring: { edition?: string; date?: string } }>(EPAPER_ROOT, async (request, reply) => {
    const all = await choices();
    const { edition, date } = request.query;
    const chosen = all.find((choice) => choice.slug === edition);
    let notice: string | null = null;
    if (chosen !== undefined && date !== undefined) {
      if (chosen.dates.includes(date)) return reply.redirect(pagePath(chosen.slug, date, 1), 303);
      notice = `There is no ${chosen.name} edition for ${isEditionDate(date) ? longDate(date) : `"${date}"`}. Pick one of the dates offered.`;
    }
    const covers = (
      await Promise.all(
        all.map(async (choice) => {
          const latest = choice.dates[0] === undefined ? undefined : await editions.find(choice.slug, choice.dates[0]);
          return latest === undefined ? null : { choice, edition: latest };
        }),
      )
    ).filter((cover) => cover !== null);
    return sendHtml(
      reply,
      <EpaperHome
        site={site}
        canonical={absolute(EPAPER_ROOT)}
        assets={assets}
        editions={all}
        selected={chosen?.slug ?? all[0]?.slug ?? ''}
        notice={notice}
        covers={covers}
      />,
    );
  });

  app.get<{ Params: { edition: string } }>(`${EPAPER_ROOT}/:edition`, async (request, reply) => {
    if (service.editionName(request.params.edition) === undefined) return notFound(reply);
    const [latest] = await editions.dates(request.params.edition, 1);
    return reply.redirect(
      latest === undefined ? `${EPAPER_ROOT}?edition=${request.params.edition}` : pagePath(request.params.edition, latest, 1),
      302,
    );
  });

  app.get<{ Params: EditionParams }>(`${EPAPER_ROOT}/:edition/:date`, async (request, reply) => {
    const edition = await currentEdition(request.params);
    if (edition === null) return notFound(reply);
    await tagEdition(reply, edition);
    return sendHtml(
      reply,
      <EditionView
        site={site}
        canonical={absolute(`${EPAPER_ROOT}/${edition.edition}/${edition.date}`)}
        assets={assets}
        editions={await choices()}
        edition={edition}
        editionName={service.editionName(edition.edition) ?? edition.edition}
        pages={await editions.pages(edition.id)}
      />,
    );
  });

  app.get<{ Params: EditionParams }>(`${EPAPER_ROOT}/:edition/:date/pdf`, async (request, reply) => {
    const edition = await currentEdition(request.params);
    if (edition === null) return notFound(reply);
    await tagEdition(reply, edition);
    const file = path.join(editions.folderOf(edition.version), EDITION_PDF);
    return sendFile(
      reply,
      file,
      'application/pdf',
      'public, max-age=300',
      `${config.siteName.replace(/[^\w-]+/g, '-')}-${edition.edition}-${edition.date}.pdf`,
    );
  });

  const pageOf = async (params: PageParams) => {
    if (!/^[1-9]\d{0,3}$/.test(params.page)) return null;
    const edition = await currentEdition(params);
    if (edition === null) return null;
    const pages = await editions.pages(edition.id);
    const page = pages.find((entry) => entry.page === Number(params.page));
    return page === undefined ? null : { edition, pages, page };
  };

  app.get<{ Params: PageParams }>(`${EPAPER_ROOT}/:edition/:date/:page`, async (request, reply) => {
    const found = await pageOf(request.params);
    if (found === null) return notFound(reply);
    const { edition } = found;
    await tagEdition(reply, edition);
    return sendHtml(
      reply,
      <PageView
        site={site}
        canonical={absolute(pagePath(edition.edition, edition.date, found.page.page))}
        assets={assets}
        editions={await choices()}
        edition={edition}
        editionName={service.editionName(edition.edition) ?? edition.edition}
        pages={found.pages}
        page={found.page}
      />,
    );
  });

  app.get<{ Params: PageParams; Querystring: { r?: string } }>(`${EPAPER_ROOT}/:edition/:date/:page/clip`, async (request, reply) => {
    const found = await pageOf(request.params);
    const region = parseClipRegion(request.query.r);
    if (found === null || region === null) return notFound(reply);
    const { edition, page } = found;
    await tagEdition(reply, edition);
    const canonical = formatClipRegion(region);
    const pixels = clipSize(page, region);
    return sendHtml(
      reply,
      <ClipView
        site={site}
        canonical={absolute(clipPath(edition.edition, edition.date, page.page, canonical))}
        assets={assets}
        title={`${service.editionName(edition.edition) ?? edition.edition} edition, ${longDate(edition.date)}, page ${page.page}`}
        pageHref={pagePath(edition.edition, edition.date, page.page)}
        imagePath={clipPath(edition.edition, edition.date, page.page, canonical, true)}
        imageUrl={absolute(clipPath(edition.edition, edition.date, page.page, canonical, true))}
        shareUrl={absolute(clipPath(edition.edition, edition.date, page.page, canonical))}
        size={pixels}
      />,
    );
  });

  app.get<{ Params: PageParams; Querystring: { r?: string } }>(`${EPAPER_ROOT}/:edition/:date/:page/clip.jpg`, async (request, reply) => {
    const found = await pageOf(request.params);
    const region = parseClipRegion(request.query.r);
    if (found === null || region === null) return notFound(reply);
    const { edition, page } = found;
    await tagEdition(reply, edition);
    const image = path.join(editions.folderOf(edition.version), pageImageName(page.page, 'large', 'jpg'));
    const clip = await cropClip(image, page, region, CLIP_MAX_WIDTH);
    return reply.header('cache-control', 'public, max-age=3600').type('image/jpeg').send(clip);
  });

  app.get<{ Params: { version: string; name: string } }>(`${EPAPER_ROOT}/files/:version/:name`, async (request, reply) => {
    const image = parsePageImageName(request.params.name);
    const edition = /^[a-z0-9-]+$/.test(request.params.version) ? await editions.byVersion(request.params.version) : undefined;
    if (image === null || edition === undefined || image.page > edition.page_count) return notFound(reply);
    // Straight image URLs obey kills too: a digital page printing a withdrawn story is not served.
    if (edition.kind === 'digital' && (await editions.printsUnpublished(edition.id))) return notFound(reply);
    await tagEdition(reply, edition);
    const type = image.format === 'webp' ? 'image/webp' : 'image/jpeg';
    return sendFile(reply, path.join(editions.folderOf(edition.version), request.params.name), type, FOREVER, null);
  });
}

/** The pixel size of a clip as served (cut from the large rendering, scaled to at most CLIP_MAX_WIDTH). */
function clipSize(page: { width: number; height: number }, region: { w: number; h: number }): { width: number; height: number } {
  const width = Math.round(region.w * page.width);
  const height = Math.round(region.h * page.height);
  const scale = Math.min(1, CLIP_MAX_WIDTH / width);
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

/**
 * A static file with its gzip and brotli forms, each made on first request and kept: OpenSeadragon's
 * 350 KB build goes out as about 80 KB, and a process that serves no viewer page compresses nothing.
 */
interface Compressible {
  identity: Buffer;
  body: (encoding: Encoding) => Buffer;
}

function compressible(identity: Buffer): Compressible {
  const bodies: Partial<Record<Encoding, Buffer>> = { identity };
  const compress = (encoding: Encoding): Buffer =>
    encoding === 'gzip'
      ? gzipSync(identity, { level: 9 })
      : brotliCompressSync(identity, {
          // Quality 9: 8% larger than 11 on OpenSeadragon's build, at a fifteenth of the time (80 ms against 1.2 s).
          params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length },
        });
  return {
    identity,
    body: (encoding) => {
      bodies[encoding] ??= compress(encoding);
      return bodies[encoding];
    },
  };
}

/** The site's own 404 page; returning the reply tells Fastify the answer is on its way. */
function notFound(reply: FastifyReply): FastifyReply {
  reply.callNotFound();
  return reply;
}

async function sendFile(
  reply: FastifyReply,
  file: string,
  type: string,
  cache: string,
  downloadName: string | null,
): Promise<FastifyReply> {
  const info = await stat(file).catch(() => null);
  // The edition was replaced between reading its row and opening the file.
  if (info === null) return notFound(reply);
  reply.header('cache-control', cache).header('content-length', info.size).type(type);
  if (downloadName !== null) reply.header('content-disposition', `attachment; filename="${downloadName}"`);
  return reply.send(createReadStream(file));
}
