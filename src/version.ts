/** The bundle's version, written into connector.json. Kept in step with package.json by a test. */
export const packageVersion = '0.1.0';
