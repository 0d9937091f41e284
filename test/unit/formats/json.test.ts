import { describe, expect, it } from 'vitest';
import { elementSources } from '../../../src/ingest/formats/json.ts';

describe('elementSources', () => {
  it('returns each element of a top-level array as written, across tricky strings', () => {
    const text = ' [ {"a": "x}]\\"y", "b": [1, {"c": null}]} ,\n{"d": "\\\\"} , 42 ] ';
    const parsed = JSON.parse(text) as unknown[];
    expect(elementSources(text, null, parsed)).toEqual(['{"a": "x}]\\"y", "b": [1, {"c": null}]}', '{"d": "\\\\"}', '42']);
  });

  it('finds the array under a top-level key, skipping earlier keys holding look-alike text', () => {
    const text = '{"title": "items: [", "nested": {"items": [0]}, "items": [{"id": 1}, {"id": 2}]}';
    const parsed = JSON.parse(text) as { items: unknown[] };
    expect(elementSources(text, 'items', parsed.items)).toEqual(['{"id": 1}', '{"id": 2}']);
  });

  it('re-serialises when the key is not at the top level', () => {
    expect(elementSources('{"x": 1}', 'items', [{ id: 1 }])).toEqual(['{"id":1}']);
  });
});
