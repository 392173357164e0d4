// Demonstrates the simplest CommonJS async handler, configured through an environment variable.
const GREETING = process.env.GREETING ?? 'Hello';

exports.handler = async (event) => {
  console.log('event:', JSON.stringify(event));
  return {
    statusCode: 200,
    body: JSON.stringify({ message: `${GREETING}, ${event.name ?? 'world'}!` }),
  };
};
