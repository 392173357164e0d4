// A scheduled function: receives EventBridge's "Scheduled Event".
exports.handler = async (event) => {
  console.log(`tick at ${event.time} from ${event.resources?.[0] ?? 'a manual run'}`);
  return { ticked: event.time };
};
