import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Schema validation with xmllint (Debian's libxml2-utils): the sitemaps.org schemas from the
 * shared corpus, and a Google News schema written for these tests (site-xsd/sitemap-news.xsd).
 */
const HERE = path.dirname(fileURLToPath(import.meta.url));
const SHARED_XSD = path.resolve(HERE, '../../../shared/corpus/xsd');
const work = mkdtempSync(path.join(tmpdir(), 'wiredesk-xsd-'));

export const SCHEMAS = {
  sitemap: path.join(SHARED_XSD, 'sitemap.xsd'),
  siteindex: path.join(SHARED_XSD, 'siteindex.xsd'),
  /** sitemap.xsd with the News extension imported, so `news:news` is checked strictly, not skipped. */
  news: writeSchema(
    'sitemap-and-news.xsd',
    `<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <xsd:import namespace="http://www.sitemaps.org/schemas/sitemap/0.9" schemaLocation="${path.join(SHARED_XSD, 'sitemap.xsd')}"/>
  <xsd:import namespace="http://www.google.com/schemas/sitemap-news/0.9" schemaLocation="${path.join(HERE, 'site-xsd', 'sitemap-news.xsd')}"/>
</xsd:schema>
`,
  ),
};

function writeSchema(name: string, text: string): string {
  const file = path.join(work, name);
  writeFileSync(file, text);
  return file;
}

let counter = 0;

/** Validates a document; `valid` false with xmllint's messages when it does not conform. */
export function validateXml(xml: string, schema: string): { valid: boolean; messages: string } {
  const file = path.join(work, `doc-${counter++}.xml`);
  writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', schema, file], { stdio: 'pipe' });
    return { valid: true, messages: '' };
  } catch (error) {
    const failure = error as { status?: number; stderr?: Buffer };
    if (failure.status === undefined || failure.status === null) throw error;
    return { valid: false, messages: failure.stderr?.toString('utf8') ?? '' };
  }
}
