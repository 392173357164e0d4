// Demonstrates a callback-style handler and callbackWaitsForEmptyEventLoop.
exports.handler = (event, context, callback) => {
  setTimeout(() => console.log('timer fired'), 50);
  // The callback is called right away, but with context.callbackWaitsForEmptyEventLoop = true
  // (the default) Lambda only sends the response once the event loop is empty, i.e. after
  // the timer above has fired. Set it to false to respond immediately.
  callback(null, {
    style: 'callback',
    callbackWaitsForEmptyEventLoop: context.callbackWaitsForEmptyEventLoop,
  });
};
