// Demonstrates a function error: a custom error class becomes the errorType of the response.
class OrderNotFoundError extends Error {
  name = 'OrderNotFoundError';
}

exports.handler = async (event) => {
  throw new OrderNotFoundError(`Order ${event.orderId ?? '(none)'} was not found`);
};
