export { registerRelatedCommands } from './commands.ts';
export { DEFAULT_ENGINE_OPTIONS, type Explanation, RelatedEngine, type RelatedEngineOptions, startRelatedEngine } from './engine.ts';
export { DEFAULT_RANKING, type RankingOptions } from './ranking.ts';
export type { RelatedCard, RelatedLists, RelatedProvider } from './types.ts';
