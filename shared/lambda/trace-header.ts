/**
 * X-Ray trace headers. API Gateway and ALBs add X-Amzn-Trace-Id `Root=1-<epoch seconds, hex>-<24
 * hex digits>`; Lambda's Lambda-Runtime-Trace-Id (the runtime's _X_AMZN_TRACE_ID) also names a
 * parent segment, the sampling decision and, here, faaslab as its lineage. Pure: the random
 * digits come from the caller (the host's crypto pool, or Math.random for sample events).
 */
export function traceHeader(at: Date, randomHex: (bytes: number) => string, lambda?: { lineage: string }): string {
  const root = `Root=1-${Math.floor(at.getTime() / 1000).toString(16)}-${randomHex(12)}`;
  return lambda ? `${root};Parent=${randomHex(8)};Sampled=0;Lineage=${lambda.lineage}` : root;
}
