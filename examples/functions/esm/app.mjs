// Demonstrates an ES module handler with top-level await (it runs once, during Init).
const os = await import('node:os');

export const handler = async () => {
  return { runtime: process.version, module: 'esm', platform: os.platform() };
};
