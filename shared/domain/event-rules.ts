/** EventBridge rules of a template: a function's EventBridgeRule/CloudWatchEvent events and AWS::Events::Rule resources. */
export interface EventRuleTarget {
  /** The function's logical id. */
  function: string;
  /** A constant payload instead of the event (Input, JSON text). */
  input?: string;
  /** A JSONPath into the event ($.detail): that part is the payload. */
  inputPath?: string;
}

export interface EventRule {
  /** 'Function:EventName' for a function's event, the logical id for an AWS::Events::Rule. */
  id: string;
  ruleName: string;
  /** The event bus's name ('default' unless EventBusName says). */
  bus: string;
  pattern: Record<string, unknown>;
  enabled: boolean;
  targets: EventRuleTarget[];
  line?: number;
}
