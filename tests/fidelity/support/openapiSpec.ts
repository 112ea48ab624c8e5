import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** A JSON Schema as Stripe's OpenAPI 3.0 spec writes one (the keywords the checker reads). */
export interface OpenApiSchema {
  $ref?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  nullable?: boolean;
  anyOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  allOf?: OpenApiSchema[];
  enum?: unknown[];
  maxLength?: number;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  additionalProperties?: boolean | OpenApiSchema;
  items?: OpenApiSchema;
  'x-expandableFields'?: string[];
  /** Set by `resolve`: the component a `$ref` named, for messages. */
  'x-component'?: string;
}

interface OpenApiDocument {
  info: { version: string };
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: OpenApiSchema }> }> }>>;
  components: { schemas: Record<string, OpenApiSchema> };
}

/** One operation of the spec: its path template and method, e.g. `GET /v1/customers/{customer}`. */
export interface SpecOperation {
  name: string;
  pathTemplate: string;
  method: string;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Where Stripe's published spec of a version is read from: reference data outside the repo (never copied into it),
 * `../shared/reference/stripe-openapi-<version>.json.gz` beside the repo, or `STRIPE_OPENAPI_DIR`.
 */
export function specPath(version: string): string {
  const dir = process.env.STRIPE_OPENAPI_DIR || path.resolve(repoRoot, '../shared/reference');
  return path.join(dir, `stripe-openapi-${version}.json.gz`);
}

/** Stripe's published OpenAPI spec of one API version, read at test time. */
export class OpenApiSpec {
  private readonly templates: { template: string; pattern: RegExp; params: number }[];

  private constructor(private readonly doc: OpenApiDocument) {
    this.templates = Object.keys(doc.paths).map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      params: (template.match(/\{/g) ?? []).length,
    }));
  }

  /** The spec of `version`, or null when the file is not there. */
  static load(version: string): OpenApiSpec | null {
    const file = specPath(version);
    if (!existsSync(file)) return null;
    const doc = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as OpenApiDocument;
    if (doc.info.version !== version) throw new Error(`${file} is the spec of ${doc.info.version}, not ${version}`);
    return new OpenApiSpec(doc);
  }

  get version(): string {
    return this.doc.info.version;
  }

  /** The operation a concrete request path answers to; a literal segment beats a template (`/v1/customers/search`). */
  operationFor(method: string, concretePath: string): SpecOperation | null {
    const verb = method.toLowerCase();
    const match = this.templates
      .filter((candidate) => candidate.pattern.test(concretePath) && this.doc.paths[candidate.template]?.[verb])
      .sort((a, b) => a.params - b.params)[0];
    return match ? { name: `${method.toUpperCase()} ${match.template}`, pathTemplate: match.template, method: verb } : null;
  }

  /** The schema of an operation's answer: its `200`, or for an error status its `default` (Stripe's `error`). */
  responseSchema(operation: SpecOperation, status: number): OpenApiSchema | null {
    const responses = this.doc.paths[operation.pathTemplate]?.[operation.method]?.responses ?? {};
    const response = (status >= 200 && status < 300 ? responses[String(status)] : (responses[String(status)] ?? responses.default)) ?? null;
    return response?.content?.['application/json']?.schema ?? null;
  }

  /** `#/components/schemas/<name>`. */
  component(name: string): OpenApiSchema | undefined {
    return this.doc.components.schemas[name];
  }

  /** The component schemas whose `object` property is `objectName` (e.g. `customer` and `deleted_customer`). */
  componentsForObject(objectName: string): { name: string; schema: OpenApiSchema }[] {
    return Object.entries(this.doc.components.schemas)
      .filter(([, schema]) => (schema.properties?.object?.enum ?? []).includes(objectName))
      .map(([name, schema]) => ({ name, schema: { ...schema, 'x-component': name } }));
  }

  /** Follows `$ref` (`#/components/schemas/x`) to the schema it names. */
  resolve(schema: OpenApiSchema): OpenApiSchema {
    let current = schema;
    for (let hops = 0; current.$ref; hops++) {
      if (hops > 20) throw new Error(`$ref loop at ${schema.$ref}`);
      const name = current.$ref.replace('#/components/schemas/', '');
      const target = this.doc.components.schemas[name];
      if (!target) throw new Error(`unresolvable $ref ${current.$ref}`);
      current = { ...target, 'x-component': name };
    }
    return current;
  }
}
