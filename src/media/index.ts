export { type CollectResult, MediaCollector } from './collector.ts';
export { registerMediaCommands } from './commands.ts';
export { MediaRejected } from './image.ts';
export {
  CONTENT_TYPES,
  heightAt,
  largestJpeg,
  RENDITION_FORMATS,
  type RenditionFormat,
  renditionUrl,
  renditionWidths,
} from './renditions.ts';
export { leadImageOf, mediaForStories, type StoryImage } from './repository.ts';
export { mediaPlugin } from './routes.ts';
export { type MediaService, openMediaService } from './service.ts';
