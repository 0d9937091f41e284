/**
 * Agency copy opens with a dateline: "Pune, Nov 27 The municipal corporation ...".
 * We read it to learn where the story is (the place), never to change the text.
 */
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?';
const HINDI_MONTHS = 'जनवरी|फरवरी|फ़रवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|सितम्बर|अक्टूबर|अक्तूबर|नवंबर|नवम्बर|दिसंबर|दिसम्बर';
const MARATHI_MONTHS = 'जानेवारी|फेब्रुवारी|एप्रिल|ऑगस्ट|सप्टेंबर|ऑक्टोबर|नोव्हेंबर|डिसेंबर';
// A place is one to four words, each capitalised (or Devanagari, which has no case), allowing the
// small particles of place names ("Rio de Janeiro"): a sentence such as "Officials met in Pune" is not one.
const WORD = "[\\p{Lu}\\p{Lo}][\\p{L}\\p{M}.'’-]*";
const PLACE = `${WORD}(?: (?:(?:de|da|do|del|la|le|el|al|of|on|upon|am|an) )?${WORD}){0,3}`;
const DIGITS = '[0-9०-९]{1,2}';

const DATELINE_PATTERNS: RegExp[] = [
  // "Pune, Nov 27" / "New Delhi, November 27" / "Seoul, Aug. 5"
  new RegExp(`^(${PLACE}),\\s+(${MONTH}\\s+${DIGITS})(?=[\\s:,–—-])`, 'u'),
  // "पुणे, 27 नवंबर" (day before month, Hindi or Marathi month names)
  new RegExp(`^(${PLACE}),\\s+(${DIGITS}\\s+(?:${HINDI_MONTHS}|${MARATHI_MONTHS}))(?=[\\s:,–—-]|$)`, 'u'),
];

export interface Dateline {
  /** The dateline as written, e.g. "Pune, Nov 27". */
  text: string;
  /** Where the story is, e.g. "Pune". */
  place: string;
}

export function extractDateline(bodyText: string): Dateline | null {
  const opening = bodyText.trimStart().slice(0, 120);
  for (const pattern of DATELINE_PATTERNS) {
    const match = pattern.exec(opening);
    if (match?.[1] !== undefined && match[2] !== undefined) {
      const place = match[1].trim();
      return { text: `${place}, ${match[2]}`, place };
    }
  }
  return null;
}

/** The place in an agency-supplied dateline field such as "PUNE, Nov 27 (KPA) -". */
export function placeOfDateline(dateline: string): string | null {
  const place = dateline.split(/[,(–—]/u)[0]?.trim() ?? '';
  if (place === '') return null;
  // Agencies often shout the place ("PUNE"); show it as a name.
  return place === place.toUpperCase() && /\p{Lu}/u.test(place) ? titleCase(place) : place;
}

function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toUpperCase());
}
