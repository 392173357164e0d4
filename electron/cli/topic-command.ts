/** `faaslab topic publish`: see queue-command.ts, which holds both messaging commands. */
export { topicCommand, TOPIC_HELP } from './queue-command.js';
