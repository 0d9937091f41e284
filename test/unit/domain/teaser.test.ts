import { describe, expect, it } from 'vitest';
import { TEASER_MAX_CHARS, teaserFor } from '../../../src/domain/teaser.ts';

const body =
  'Pune, Nov 27 The municipal corporation on Thursday opened the first stretch of the riverside cycle track to the public, officials said.';

describe('the teaser', () => {
  it("uses the agency's own summary when it sends one", () => {
    expect(teaserFor('  Cycle   track opens.  ', body)).toBe('Cycle track opens.');
  });

  it('otherwise opens the body, cut at a word boundary, ending in " ..."', () => {
    const teaser = teaserFor(null, body);
    expect(teaser.endsWith(' ...')).toBe(true);
    expect(teaser.startsWith('Pune, Nov 27 The municipal corporation')).toBe(true);
    const words = teaser.slice(0, -4);
    expect(words.length).toBeLessThanOrEqual(TEASER_MAX_CHARS);
    expect(body.startsWith(words)).toBe(true);
    expect(body[words.length]).toBe(' ');
  });

  it('keeps a short body whole, without an ellipsis', () => {
    expect(teaserFor(null, 'Mumbai, Nov 28 Rain.')).toBe('Mumbai, Nov 28 Rain.');
  });

  it('does not leave a dangling comma before the ellipsis', () => {
    const text = `${'word '.repeat(18)}alpha, beta gamma delta epsilon zeta eta theta`;
    expect(teaserFor(null, text)).not.toMatch(/, \.\.\.$/);
  });

  it('treats an empty summary as none', () => {
    expect(teaserFor('   ', 'Nagpur, Nov 2 Short.')).toBe('Nagpur, Nov 2 Short.');
  });
});
