import { describe, expect, it } from 'vitest';
import { parseWire } from '../../../src/ingest/formats/index.ts';
import { inspectRecord, inspectRejection } from '../../../src/ingest/inspect.ts';
import { INSPECT_FIELDS } from '../../support/inspect-contract.ts';
import { context, fixture } from './helpers.ts';

describe('inspect records', () => {
  const result = parseWire(fixture('newsml-g2-item.xml'), 'auto', context());

  it('has exactly the contract keys, in order, with ISO UTC dates', () => {
    const record = inspectRecord(result.items[0] ?? expect.fail('no item'));
    expect(Object.keys(record)).toEqual(INSPECT_FIELDS);
    expect(record.embargo).toBe('2025-11-29T07:30:00.000Z');
    expect(record.first_created).toBe('2025-11-29T02:30:00.000Z');
    expect(record.link).toBeNull();
  });

  it('maps media to snake_case', () => {
    const nitf = parseWire(fixture('nitf.xml'), 'nitf', context());
    expect(inspectRecord(nitf.items[0] ?? expect.fail('no item')).media[0]).toEqual({
      url: 'https://nitf.wire.example/polish.jpg',
      kind: 'image',
      mime_type: 'image/jpeg',
      width: 1024,
      height: 683,
      caption: 'A worker at a polishing wheel.',
      credit: 'Demo Photo',
    });
  });

  it('prints a rejection as {rejected, ref, reason}', () => {
    const rss = parseWire(fixture('rss2.xml'), 'rss', context());
    const rejection = rss.rejected[0] ?? expect.fail('no rejection');
    expect(inspectRejection(rejection)).toEqual({ rejected: true, ref: 'demo-2025-0004', reason: 'no headline' });
  });
});
