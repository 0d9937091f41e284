/** The e-paper's URLs, in one place so the viewer, search and the console link alike. */

export const EPAPER_ROOT = '/epaper';

export function editionPath(edition: string, date: string): string {
  return `${EPAPER_ROOT}/${edition}/${date}`;
}

export function pagePath(edition: string, date: string, page: number): string {
  return `${editionPath(edition, date)}/${page}`;
}

export function pdfPath(edition: string, date: string): string {
  return `${editionPath(edition, date)}/pdf`;
}

export function filePath(version: string, name: string): string {
  return `${EPAPER_ROOT}/files/${version}/${name}`;
}

export function clipPath(edition: string, date: string, page: number, region: string, image = false): string {
  return `${pagePath(edition, date, page)}/clip${image ? '.jpg' : ''}?r=${region}`;
}
