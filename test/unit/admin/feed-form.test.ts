import { describe, expect, it } from 'vitest';
import { parseFeedForm } from '../../../src/admin/feed-form.ts';
import type { Feed } from '../../../src/store/schema.ts';

const context = { agencies: ['tpa'], sections: ['national', 'technology'], existing: null };
const form = {
  id: 'tpa-wire',
  agency_id: 'tpa',
  transport: 'http',
  location: 'https://wire.test.example/feed.xml',
  format: 'auto',
  interval_seconds: '60',
  mode: 'review',
  default_section: 'national',
  language: 'en',
  zone: 'Asia/Kolkata',
  status_map: '',
  credentials: '',
};

describe('the feed form', () => {
  it('accepts a complete feed', () => {
    const parsed = parseFeedForm({ ...form, allow_private: 'on', status_map: '{"rush": {"signal": "new"}}' }, context);
    expect(parsed).toEqual({
      values: expect.objectContaining({
        id: 'tpa-wire',
        interval_seconds: 60,
        mode: 'review',
        allow_private: 1,
        status_map: '{"rush":{"signal":"new"}}',
      }),
    });
  });

  it('names each wrong field', () => {
    const parsed = parseFeedForm(
      { ...form, id: 'Tpa Wire', interval_seconds: 'soon', zone: 'Mars/Olympus', default_section: 'sport' },
      context,
    );
    expect(parsed).toEqual({
      errors: expect.objectContaining({
        id: expect.any(String),
        interval_seconds: expect.any(String),
        zone: expect.any(String),
        default_section: expect.any(String),
      }),
    });
    expect(parseFeedForm({ ...form, location: 'file:///etc/passwd' }, context)).toEqual({
      errors: { location: 'an http:// or https:// URL' },
    });
    expect(parseFeedForm({ ...form, transport: 'folder', location: '../../etc' }, context)).toEqual({
      errors: { location: expect.stringContaining('drop folder') },
    });
    expect(parseFeedForm({ ...form, status_map: '{"kill": {"signal": "explode"}}' }, context)).toEqual({
      errors: { status_map: expect.stringContaining('JSON object') },
    });
  });

  it('treats credentials as write-only: empty keeps, a box removes, bad JSON is refused without echoing it', () => {
    const existing = { id: 'tpa-wire', credentials: '{"token":"x"}' } as Feed;
    const keep = parseFeedForm(form, { ...context, existing });
    expect('values' in keep && keep.values.credentials).toBeUndefined();
    const clear = parseFeedForm({ ...form, clear_credentials: 'on' }, { ...context, existing });
    expect('values' in clear && clear.values.credentials).toBeNull();
    const bad = parseFeedForm({ ...form, credentials: '{"tokn": "hunter2-secret"}' }, { ...context, existing });
    expect('errors' in bad && bad.errors.credentials).toMatch(/tpa-wire/);
    expect(JSON.stringify(bad)).not.toContain('hunter2-secret');
  });
});
