import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mergeStatusMap } from '../../../src/domain/status-map.ts';
import type { ParseContext } from '../../../src/ingest/formats/index.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/formats/', import.meta.url));

export function fixture(name: string): Uint8Array {
  return readFileSync(FIXTURES + name);
}

export function context(overrides: Partial<ParseContext> = {}): ParseContext {
  return { zone: 'Asia/Kolkata', baseUrl: null, charset: null, statusMap: mergeStatusMap(null), ...overrides };
}
