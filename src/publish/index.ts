export { EmbargoScheduler } from './embargo-scheduler.ts';
export { isRemoteEvent, markRemote, PublishBus, type PublishEvent, type PublishEventType } from './events.ts';
export { type Outcome, Publisher, type PublisherOptions, recordEvent } from './publisher.ts';
