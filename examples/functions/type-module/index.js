// Demonstrates a .js file loaded as an ES module because the nearest package.json has "type": "module".
export const handler = async (event) => {
  return { module: 'esm', via: 'package.json "type": "module"', received: event };
};
