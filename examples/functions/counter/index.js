// Demonstrates warm state: module-scope values survive between invocations of one environment.
let count = 0;
const startedAt = new Date().toISOString();

exports.handler = async () => {
  count += 1;
  return { count, coldStart: count === 1, environmentStartedAt: startedAt };
};
