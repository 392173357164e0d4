// An HTTP API handler: reads the route's path parameter and the JSON body, and
// answers with a status code, headers and a body (payload format 2.0).
const items = new Map(); // warm state: survives while the environment stays warm

exports.handler = async (event) => {
  const method = event.requestContext.http.method;
  if (method === 'POST') {
    const item = JSON.parse(event.body ?? '{}');
    const id = String(items.size + 1);
    items.set(id, { id, ...item });
    return { statusCode: 201, headers: { location: `/items/${id}` }, body: JSON.stringify(items.get(id)) };
  }
  const id = event.pathParameters?.id;
  const item = items.get(id);
  if (!item) return { statusCode: 404, body: JSON.stringify({ message: `no item ${id} (items live only while this environment is warm)` }) };
  return item; // no statusCode: the HTTP API answers 200 with this object as JSON
};
