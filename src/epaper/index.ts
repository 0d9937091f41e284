/**
 * The e-paper: print editions added as PDFs, digital editions compiled from the day's stories,
 * the viewer, clipping and page-text search. Other areas use only what is exported here.
 */
export { registerEpaperCommands } from './commands.ts';
export { type UploadInput, type UploadOutcome, uploadPrintEdition } from './console.ts';
export { dayInZone, isEditionDate } from './day.ts';
export { EpaperInputError } from './errors.ts';
export { pagePath } from './paths.ts';
export { epaperPlugin } from './routes.tsx';
export { type EpaperPageHit, searchEpaperPages } from './search.ts';
export { type AddPrintInput, type DigitalResult, EpaperService, epaperService } from './service.ts';
