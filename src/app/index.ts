/** The app area: PWA, "Open in App", breaking-news push. */

export { registerAppCommands } from './commands.ts';
export { type OpenInApp, openInApp } from './deep-links.ts';
export type { BreakingResult } from './push/breaking.ts';
export { appPlugin } from './routes.tsx';
export { type AppServices, openAppServices } from './services.ts';
