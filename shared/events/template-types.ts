/** A sample event: what the Test tab's "generate" offers, one per trigger source. */
export interface EventTemplate {
  id: string;
  /** The AWS service that sends it, for grouping in the UI. */
  service: string;
  title: string;
  /** A fresh payload: new ids and current times on every call. */
  build(): object;
}
