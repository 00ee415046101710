// The hub's version, reported by /healthz and the CLI. Kept in step with package.json by a test.
export const HUB_VERSION = '0.1.0';
