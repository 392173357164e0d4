// Demonstrates JSON logs with ApplicationLogLevel WARN: only the warn and error lines come through.
exports.handler = async (event) => {
  console.debug('debug: dropped at level WARN');
  console.info('info: dropped at level WARN');
  console.warn('warn: shown', { orderId: event.orderId ?? null });
  console.error('error: shown');
  return { logged: ['debug', 'info', 'warn', 'error'], expectedInLogs: ['warn', 'error'] };
};
