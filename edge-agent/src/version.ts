// The agent's version, published in `status`. Kept in step with package.json by a test.
export const AGENT_VERSION = '0.1.0';
