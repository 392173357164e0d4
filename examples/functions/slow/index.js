// Demonstrates timeouts: waits event.ms (default 5000 ms) but the function's timeout is 2 s.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

exports.handler = async (event) => {
  const ms = event.ms ?? 5000;
  const started = Date.now();
  console.log(`waiting ${ms} ms`);
  const progress = setInterval(() => {
    console.log(`still waiting: ${Math.round((Date.now() - started) / 1000)} s elapsed`);
  }, 1000);
  try {
    await sleep(ms);
  } finally {
    clearInterval(progress);
  }
  return { waitedMs: ms };
};
