import { textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';

/** Tags whose contents no reader ever sees as text. */
const INVISIBLE = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'option', 'iframe', 'object', 'embed']);
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'tr',
  'pre',
  'figure',
  'figcaption',
  'hr',
  'table',
  'section',
  'article',
]);

/**
 * The reader-visible text of an HTML fragment, entities decoded, blocks separated by a newline.
 * Two pieces of HTML with the same words in the same order give the same text: this is what
 * the verbatim promise and the stored text hash are about.
 */
export function htmlToText(html: string): string {
  const document = parseDocument(html, { decodeEntities: true });
  const parts: string[] = [];
  const walk = (nodes: typeof document.children): void => {
    for (const node of nodes) {
      if (node.type === 'text') parts.push(textContent(node));
      else if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
        const name = node.name.toLowerCase();
        if (INVISIBLE.has(name)) continue;
        if (BLOCK.has(name)) parts.push('\n');
        walk(node.children);
        if (BLOCK.has(name)) parts.push('\n');
      } else if (node.type === 'cdata' || node.type === 'root') {
        walk((node as { children: typeof document.children }).children);
      }
    }
  };
  walk(document.children);
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f\v\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
