/** Which trigger started an invocation: its kind and its route or resource, as its activity names them. */
import type { TriggerActivity } from '../../shared/domain/triggers.js';

export type TriggerSource = Pick<TriggerActivity, 'trigger' | 'kind' | 'route'>;
