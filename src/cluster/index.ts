export { registerClusterCommands } from './commands.ts';
export { type ClusterLink, openClusterLink } from './link.ts';
export { type ServingNode, startNode, stopOnSignals } from './node.ts';
