import { Ajv, type Options } from 'ajv';
import ajvFormats from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext the default import is the module, whose .default is the plugin.
const addFormats = ajvFormats.default;

/**
 * The one way this project makes a JSON Schema validator: ajv in strict mode with the standard formats
 * (date-time, uuid, …). Input schemas are written to compile under it.
 */
export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true, ...options });
  addFormats(ajv);
  return ajv;
}

export type { ErrorObject, ValidateFunction } from 'ajv';
